package org.lowcarbontogether.partners;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one partner activity, decided or changed later (published in a {@link PartnerActivitiesDecided}): {@code CREDITED}, {@code HELD} (for a reviewer),
 * {@code REFUSED} (with its reason codes), {@code CREDITED} again after a review, or {@code REVERSED}; {@code CHECKED}
 * for a sandbox activity (calculated, never credited). Names the partner, the mode, the partner's own reference, the
 * link's pairwise subject (when known), the reduction and the methodology version, and the record (when one was
 * made) — what a partner is told, so nothing here identifies the person beyond the subject the partner already knows.
 */
public record PartnerActivityDecided(
        UUID partnerId,
        String mode,
        String reference,
        @Nullable String subject,
        String outcome,
        List<String> reasons,
        long reductionGrams,
        @Nullable String methodologyVersion,
        @Nullable UUID recordId,
        Instant occurredAt) {

    public PartnerActivityDecided {
        reasons = List.copyOf(reasons);
    }
}
