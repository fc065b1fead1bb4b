/** Online communities (campus, workplace, neighbourhood, interest) and physical community sites: membership, privacy, combined impact, feed and retention. */
@ApplicationModule(
        displayName = "Communities",
        allowedDependencies = {"account", "ledger", "methodology", "stories", "shared", "platform", "mail"})
@NullMarked
package org.lowcarbontogether.communities;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
