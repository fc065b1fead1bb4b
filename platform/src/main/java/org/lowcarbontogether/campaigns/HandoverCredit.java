package org.lowcarbontogether.campaigns;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.recording.RecordStatus;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Credits both sides of a confirmed hand-over through the ordinary recording path, each as one claim on the item
 * ({@code handover:<item>:giver|receiver}), after the confirmation commits and outside its transaction, so a credit
 * the rules refuse never undoes the hand-over. The outcome is noted on the item. Retried from the event publication
 * registry; the idempotency keys make a retry count once.
 */
@Component
class HandoverCredit {

    private final Handovers handovers;
    private final Campaigns campaigns;
    private final Recording recording;
    private final Methodology methodology;

    HandoverCredit(Handovers handovers, Campaigns campaigns, Recording recording, Methodology methodology) {
        this.methodology = methodology;
        this.handovers = handovers;
        this.campaigns = campaigns;
        this.recording = recording;
    }

    @Async
    @TransactionalEventListener
    void on(ItemHandedOver handedOver) {
        var category = Handovers.Category.valueOf(handedOver.category());
        var rate = campaigns.get(handedOver.campaignId()).replacementRate();
        credit(handedOver, true, handedOver.giverId(), category.giverBehaviour(), rate);
        credit(handedOver, false, handedOver.receiverId(), category.receiverBehaviour(), rate);
    }

    private void credit(
            ItemHandedOver handedOver,
            boolean giver,
            UUID userId,
            @Nullable String behaviour,
            java.math.@Nullable BigDecimal rate) {
        if (behaviour == null) {
            handovers.noteCredit(handedOver.itemId(), giver, "NO_BEHAVIOUR", null);
            return;
        }
        String claim = "handover:" + handedOver.itemId() + (giver ? ":giver" : ":receiver");
        // Only behaviours that model a replacement rate take one (donated clothes use a published per-kg estimate).
        boolean takesRate = methodology
                .current()
                .behaviour(behaviour)
                .map(b -> b.parameters().stream().anyMatch(p -> p.id().equals("replacementRate")))
                .orElse(false);
        var parameters = rate == null || !takesRate ? Map.<String, BigDecimal>of() : Map.of("replacementRate", rate);
        var submission = new RecordSubmission(
                behaviour,
                handedOver.weightKg(),
                "kg",
                handedOver.handedOverAt().atOffset(ZoneOffset.ofHours(8)),
                null,
                null,
                parameters,
                null,
                claim);
        try {
            var receipt = recording
                    .submitInTransaction(userId, claim, submission, Recording.Channel.HANDOVER)
                    .receipt();
            handovers.noteCredit(
                    handedOver.itemId(),
                    giver,
                    receipt.status().name(),
                    receipt.status() == RecordStatus.CREDITED ? receipt.reductionGrams() : null);
        } catch (Refusal e) {
            handovers.noteCredit(handedOver.itemId(), giver, "NOT_CREDITED:" + e.code(), null);
        }
    }
}
