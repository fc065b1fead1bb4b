/**
 * The carbon ledger: each person's append-only account of credited reductions. Entries are never changed; each
 * carries the provenance of its calculation and the hash of its predecessor, so a statement can be verified by anyone.
 * <p>
 * Published events: {@link org.lowcarbontogether.ledger.ReductionsCredited}, {@link org.lowcarbontogether.ledger.ReductionAdjusted},
 * {@link org.lowcarbontogether.ledger.ReductionReversed}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Carbon ledger",
        allowedDependencies = {"methodology", "account", "shared", "platform"})
@NullMarked
package org.lowcarbontogether.ledger;

import org.jspecify.annotations.NullMarked;
