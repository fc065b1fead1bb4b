/** The organiser's dashboards: per community, campaign and event — participants, behaviours, reduction, retention and reach, with charts and CSV exports. */
@org.springframework.modulith.ApplicationModule(
        displayName = "Organiser dashboards",
        allowedDependencies = {"account", "communities", "campaigns", "events", "stories", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.organiser;

import org.jspecify.annotations.NullMarked;
