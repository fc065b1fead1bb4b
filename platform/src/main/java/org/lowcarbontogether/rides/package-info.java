/**
 * The riding map: rides imported from GPS files (GPX, TCX, FIT), judged by track rules and credited through the one
 * record path with GPS evidence (metro and rail lines the programme office imports let the rules hold rides taken by
 * train); riders' privacy zones; a public map aggregated on an H3 grid that hides cells of fewer than ten riders; and
 * riders' reports on cycling infrastructure (pins and segments), triaged by the programme and exported for the city.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Rides",
        allowedDependencies = {
            "recording",
            "ledger",
            "account",
            "communities",
            "campaigns",
            "methodology",
            "platform",
            "shared"
        })
@NullMarked
package org.lowcarbontogether.rides;

import org.jspecify.annotations.NullMarked;
