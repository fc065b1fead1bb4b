/** Events run by organisations: registration, QR check-in, behaviours credited to attendees as organiser-verified, attendance export. */
@ApplicationModule(
        displayName = "Events",
        allowedDependencies = {"account", "recording", "methodology", "communities", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.events;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
