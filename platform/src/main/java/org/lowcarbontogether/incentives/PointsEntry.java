package org.lowcarbontogether.incentives;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One entry of a person's points ledger, with the reason it was booked. */
public record PointsEntry(
        UUID id,
        Kind kind,
        long points,
        String sourceKind,
        UUID sourceId,
        @Nullable UUID recordId,
        @Nullable String behaviour,
        @Nullable LocalDate day,
        @Nullable String rulesVersion,
        PointsReason reason,
        Instant bookedAt) {

    /** What moved the balance. */
    public enum Kind {
        /** Points earned by a credited behaviour. */
        EARNED,
        /** Points taken back because the behaviour's credit was reversed. */
        CLAWBACK,
        /** Points spent on a reward. */
        REDEEMED,
        /** Points returned by a cancelled redemption. */
        REFUNDED
    }
}
