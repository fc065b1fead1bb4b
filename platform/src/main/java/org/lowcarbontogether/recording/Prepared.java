package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.EvidenceLevel;
import org.lowcarbontogether.platform.Idempotency;
import org.lowcarbontogether.shared.Refusal;

/**
 * A submission read, checked and calculated on its request's own thread, ready to be written with its group — or the
 * problem its input has, which travels with it because its key may still replay an earlier request.
 */
sealed interface Prepared {

    UUID userId();

    Idempotency.Key key();

    /** A submission that passed every check, with its calculation attested by the ledger. */
    record Valid(
            UUID userId,
            Idempotency.Key key,
            Recording.Channel channel,
            Checked checked,
            Ledger.Attested calculation,
            @Nullable UUID enteredBy,
            boolean heldForReview,
            List<String> holdReasons)
            implements Prepared {

        Valid(
                UUID userId,
                Idempotency.Key key,
                Recording.Channel channel,
                Checked checked,
                Ledger.Attested calculation,
                @Nullable UUID enteredBy,
                boolean heldForReview) {
            this(userId, key, channel, checked, calculation, enteredBy, heldForReview, List.of());
        }

        Calculation.Credited credited() {
            return calculation.calculation();
        }

        /** The quantity in the behaviour's base unit, as the plausibility rules and ceilings count it. */
        BigDecimal baseQuantity() {
            return checked.quantity()
                    .multiply(checked.behaviour().unitConversions().get(checked.unit()));
        }

        /** The same submission, held for a reviewer whatever the rules say (an organiser's row drawn for the sample). */
        Valid sampledForReview() {
            return new Valid(userId, key, channel, checked, calculation, enteredBy, true, holdReasons);
        }
    }

    /** A submission whose input was refused; nothing of it is kept. */
    record Invalid(UUID userId, Idempotency.Key key, Refusal refusal) implements Prepared {}

    /**
     * A submission's fields once checked: trimmed, defaulted, and known to the methodology; for a partner's activity,
     * its claim key (namespaced) and the partner that claims (its id).
     */
    record Checked(
            Behaviour behaviour,
            BigDecimal quantity,
            String unit,
            OffsetDateTime occurredAt,
            @Nullable String region,
            EvidenceLevel evidence,
            Map<String, BigDecimal> parameters,
            @Nullable Integer durationMinutes,
            @Nullable String externalRef,
            @Nullable String claimKey,
            @Nullable String claimant) {

        Checked(
                Behaviour behaviour,
                BigDecimal quantity,
                String unit,
                OffsetDateTime occurredAt,
                @Nullable String region,
                EvidenceLevel evidence,
                Map<String, BigDecimal> parameters,
                @Nullable Integer durationMinutes,
                @Nullable String externalRef) {
            this(
                    behaviour,
                    quantity,
                    unit,
                    occurredAt,
                    region,
                    evidence,
                    parameters,
                    durationMinutes,
                    externalRef,
                    null,
                    null);
        }

        /**
         * The real-world events the record claims: its reference and, for a partner's activity, the claim key it
         * declared for an event other partners may report too.
         */
        List<String> claims() {
            var claims = new ArrayList<String>(2);
            if (externalRef != null) {
                claims.add(externalRef);
            }
            if (claimKey != null) {
                claims.add(claimKey);
            }
            return claims;
        }
    }
}
