package org.lowcarbontogether.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * A record's credit was reversed: {@code grams} (negative) undoes everything it brought — {@code creditedGrams} as
 * recorded plus any restatement adjustments.
 */
public record ReductionReversed(
        UUID entryId,
        UUID userId,
        UUID recordId,
        String behaviour,
        String category,
        long grams,
        long creditedGrams,
        String evidence,
        Instant occurredAt,
        Instant bookedAt) {}
