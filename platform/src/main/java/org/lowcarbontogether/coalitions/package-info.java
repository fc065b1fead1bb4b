/**
 * NGO coalitions (programme recommendation 4.8): a coalition organisation admits member organisations, each of which
 * accepts; the coalition's pool counts its own groups and its accepted members' communities, campaigns, events,
 * trainings and projects with the programme's definitions and disclosure control; joint campaigns name their members
 * as co-organisers; a joint report (HTML and PDF) is public once published.
 */
@ApplicationModule(
        displayName = "Coalitions",
        allowedDependencies = {
            "account",
            "communities",
            "campaigns",
            "events",
            "grants",
            "training",
            "reporting",
            "shared",
            "platform"
        })
@NullMarked
package org.lowcarbontogether.coalitions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
