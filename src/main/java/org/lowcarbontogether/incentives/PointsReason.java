package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Why a points entry moved a balance, stored with the entry so the explanation never depends on today's rules. For
 * an earning: the rule version, behaviour, evidence, the reduction, the base and per-kg points, each multiplier (and
 * which campaign), the computed points and any cap that cut them. For a claw-back: what the credit had earned and
 * what could be taken back. For a redemption or refund: the reward and redemption.
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

    static PointsReason claw(long earned, @Nullable Note note, @Nullable String behaviour) {
        return new PointsReason(null, behaviour, null, null, null, null, null, null, null, null, null, null, null, null, earned,
                note, null, null, null);
    }

    static PointsReason redemption(UUID rewardId, String rewardName, UUID redemptionId, @Nullable Note note) {
        return new PointsReason(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, note,
                rewardId, rewardName, redemptionId);
    }
}
