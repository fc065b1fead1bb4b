package org.lowcarbontogether.ledger;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Calculation;

/** One immutable line of a person's ledger, with the calculation that produced it and its place in the hash chain. */
public record LedgerEntry(
        UUID id,
        long sequence,
        Kind kind,
        long grams,
        @Nullable UUID recordId,
        String behaviour,
        String category,
        String methodologyCode,
        String methodologyVersion,
        Calculation.Credited provenance,
        Instant occurredAt,
        Instant bookedAt,
        String previousHash,
        String hash,
        @Nullable UUID restatementId,
        @Nullable UUID reverses,
        @Nullable String reason,
        @Nullable UUID actorId,
        @Nullable String evidence) {

    public enum Kind {
        CREDIT,
        REVERSAL,
        ADJUSTMENT
    }
}
