package org.lowcarbontogether.ledger;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A reduction was credited to a person's ledger; delivered within {@link ReductionsCredited}. */
public record ReductionCredited(
        UUID entryId,
        UUID userId,
        UUID recordId,
        String behaviour,
        String category,
        long grams,
        String methodologyVersion,
        @Nullable String region,
        String evidence,
        Instant occurredAt,
        Instant bookedAt) {}
