package org.lowcarbontogether.ledger;

import java.util.List;

/**
 * Reductions were credited to people's ledgers in one transaction — one record, or the many a group of submissions or
 * a bulk upload brings. One event for all of them, so each listener handles them in one transaction of its own.
 */
public record ReductionsCredited(List<ReductionCredited> credits) {}
