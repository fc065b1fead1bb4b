package org.lowcarbontogether.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The programme's calendar: days, deadlines, daily ceilings and monthly releases are counted in China Standard Time,
 * where the programme runs, whatever the server's or the visitor's zone.
 */
public final class ProgrammeCalendar {

    /** The zone's id, for SQL ({@code at time zone :zone}) and templates. */
    public static final String ZONE_ID = "Asia/Shanghai";

    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private ProgrammeCalendar() {}

    /** Today on the programme's calendar. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The programme's day an instant falls on. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The instant a programme day begins. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }
}
