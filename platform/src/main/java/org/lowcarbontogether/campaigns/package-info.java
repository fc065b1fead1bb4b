/** Campaigns owned by organisations: scope, goals with progress, fair leaderboards, and the Green Graduation hand-over. */
@ApplicationModule(
        displayName = "Campaigns",
        allowedDependencies = {
            "account",
            "recording",
            "ledger",
            "methodology",
            "communities",
            "stories",
            "shared",
            "platform"
        })
@NullMarked
package org.lowcarbontogether.campaigns;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
