package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Why a points entry moved a balance, stored with the entry so the explanation never depends on today's rules. For
 * an earning: the rule version, behaviour, evidence, the reduction, the base and per-kg points, each multiplier (and
 * which campaign), the computed points and any cap that cut them. For a claw-back: what the credit had earned and
 * what could be taken back. For a redemption or refund: the reward and redemption.
 * <p>
 * The components are the fields of the stored JSON (and of the API's answer), so they stay flat; build a reason with
 * {@link #earning}, {@link #clawback} or {@link #redemption}.
 */
public record PointsReason(
        @Nullable String rulesVersion,
        @Nullable String behaviour,
        @Nullable String evidence,
        @Nullable Long grams,
        @Nullable Long basePoints,
        @Nullable Long kgPoints,
        @Nullable BigDecimal evidenceFactor,
        @Nullable UUID campaignId,
        @Nullable String campaignName,
        @Nullable BigDecimal campaignMultiplier,
        @Nullable BigDecimal newcomerMultiplier,
        @Nullable Long computed,
        @Nullable Cap cap,
        @Nullable Long capLimit,
        @Nullable Long earnedPoints,
        @Nullable Note note,
        @Nullable UUID rewardId,
        @Nullable String rewardName,
        @Nullable UUID redemptionId) {

    /** Which daily cap cut an earning. */
    public enum Cap {
        BEHAVIOUR,
        TOTAL
    }

    /** Special circumstances worth telling the participant. */
    public enum Note {
        /** The credit was reversed before its points were booked: nothing is earned. */
        REVERSED_BEFORE_EARNING,
        /** The credit was reversed before its points were booked: this marks it (0 points). */
        REVERSAL_BEFORE_CREDIT,
        /** Part of the points to take back had already been spent; the balance stops at zero. */
        PARTLY_SPENT,
        /** The redemption was cancelled by the participant. */
        CANCELLED_BY_PARTICIPANT,
        /** The redemption was cancelled by the sponsor. */
        CANCELLED_BY_SPONSOR
    }

    /** The points formula for one earning: base and per-kg points, each multiplier, and their product rounded down. */
    record Score(
            long basePoints,
            long kgPoints,
            BigDecimal evidenceFactor,
            PointsCalculator.@Nullable Campaign campaign,
            @Nullable BigDecimal newcomerMultiplier,
            long computed) {}

    /** The daily cap that cut an earning, and its limit. */
    record CapCut(Cap cap, long limit) {}

    /** Points earned by a credited behaviour: what was scored under which rules, and what a cap left of it. */
    static PointsReason earning(
            String rulesVersion,
            String behaviour,
            String evidence,
            long grams,
            Score score,
            @Nullable CapCut cut,
            long points) {
        PointsCalculator.Campaign campaign = score.campaign();
        return new PointsReason(
                rulesVersion,
                behaviour,
                evidence,
                grams,
                score.basePoints(),
                score.kgPoints(),
                score.evidenceFactor(),
                campaign == null ? null : campaign.id(),
                campaign == null ? null : campaign.name(),
                campaign == null ? null : campaign.multiplier(),
                score.newcomerMultiplier(),
                score.computed(),
                cut == null ? null : cut.cap(),
                cut == null ? null : cut.limit(),
                points,
                null,
                null,
                null,
                null);
    }

    /** Points taken back from a reversed credit: what it had earned. */
    static PointsReason clawback(long earned, @Nullable Note note, @Nullable String behaviour) {
        return new PointsReason(
                null, behaviour, null, null, null, null, null, null, null, null, null, null, null, null, earned, note,
                null, null, null);
    }

    /** Points spent on a reward, or returned when its redemption was cancelled. */
    static PointsReason redemption(UUID rewardId, String rewardName, UUID redemptionId, @Nullable Note note) {
        return new PointsReason(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                note,
                rewardId,
                rewardName,
                redemptionId);
    }
}
