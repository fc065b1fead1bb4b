package org.lowcarbontogether.ledger;

import java.time.Instant;
import java.util.UUID;

/** A restatement moved a record's credited reduction by {@code deltaGrams} (positive or negative). */
public record ReductionAdjusted(
        UUID entryId,
        UUID userId,
        UUID recordId,
        String behaviour,
        String category,
        long deltaGrams,
        String fromVersion,
        String toVersion,
        UUID restatementId,
        String evidence,
        Instant occurredAt,
        Instant bookedAt) {}
