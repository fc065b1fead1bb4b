package org.lowcarbontogether.communities;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A ledger entry was counted in a group (community or campaign): a credit ({@code behaviourDelta} 1), a restatement
 * (0) or a reversal (−1); {@code grams} moves the restated reduction, {@code gramsRecorded} the reduction as recorded.
 * Published once per group and entry, so reports built on groups can follow them.
 */
public record BehaviourCounted(
        Participation.Scope scope,
        UUID entryId,
        UUID userId,
        UUID recordId,
        String behaviour,
        String category,
        String evidence,
        @Nullable String region,
        long grams,
        long gramsRecorded,
        int behaviourDelta,
        LocalDate occurredOn) {}
