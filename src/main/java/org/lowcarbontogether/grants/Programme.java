package org.lowcarbontogether.grants;

import java.time.ZoneId;

/** Dates of the grant cycle (deadlines, periods) are in China Standard Time, where the programme runs. */
final class Programme {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Programme() {}
}
