/**
 * The programme office's small-grant cycle — calls, applications, reviews with conflict-of-interest declarations,
 * awards with tranches and milestones, grantee reports — and each funded project's links to the communities and
 * campaigns whose activity measures it.
 * <p>
 * Published events: {@link org.lowcarbontogether.grants.ReviewerAssigned}, {@link org.lowcarbontogether.grants.TrancheReleased}.
 */
@ApplicationModule(
        displayName = "Grant programme",
        allowedDependencies = {
            "account",
            "communities",
            "campaigns",
            "events",
            "reporting",
            "partners",
            "training",
            "methodology",
            "shared",
            "platform"
        })
@NullMarked
package org.lowcarbontogether.grants;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
