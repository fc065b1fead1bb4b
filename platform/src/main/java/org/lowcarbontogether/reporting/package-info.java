/**
 * Impact reporting: behaviours, direct reduction and participants, from roll-ups maintained as the ledger credits
 * reductions — never from full scans per request.
 */
@ApplicationModule(
        displayName = "Reporting",
        allowedDependencies = {"ledger", "communities", "stories", "methodology", "schools", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
