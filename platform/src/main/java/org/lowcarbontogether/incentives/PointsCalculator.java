package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Scores one credited behaviour under a rule set — a pure function, so the "why" of each entry can be recomputed.
 * <p>
 * {@code points = floor((base + floor(kg × pointsPerKg)) × evidence × campaign × newcomer)}, then cut to what is left
 * of the day's cap for the behaviour and of the day's total cap (days in programme time).
 */
final class PointsCalculator {

    private PointsCalculator() {}

    /** The campaign whose multiplier applies, if any. */
    record Campaign(UUID id, String name, BigDecimal multiplier) {}

    static PointsReason earn(
            PointsRules.RuleSet rules,
            String behaviour,
            String evidence,
            long grams,
            @Nullable Campaign campaign,
            boolean newcomer,
            long earnedTodayForBehaviour,
            long earnedTodayTotal) {
        long kgPoints = Math.max(0, grams) * rules.pointsPerKg() / 1000;
        BigDecimal evidenceFactor = rules.evidenceFactor(evidence);
        BigDecimal campaignMultiplier = campaign == null ? BigDecimal.ONE : campaign.multiplier();
        BigDecimal newcomerMultiplier = newcomer ? rules.newcomerMultiplier() : BigDecimal.ONE;
        long computed = BigDecimal.valueOf(rules.basePoints() + kgPoints)
                .multiply(evidenceFactor)
                .multiply(campaignMultiplier)
                .multiply(newcomerMultiplier)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
        long leftForBehaviour = Math.max(0, rules.dailyCapPerBehaviour() - earnedTodayForBehaviour);
        long leftTotal = Math.max(0, rules.dailyCapTotal() - earnedTodayTotal);
        var score = new PointsReason.Score(
                rules.basePoints(), kgPoints, evidenceFactor, campaign, newcomer ? newcomerMultiplier : null, computed);
        long points = computed;
        PointsReason.CapCut cut = null;
        if (points > leftForBehaviour) {
            points = leftForBehaviour;
            cut = new PointsReason.CapCut(PointsReason.Cap.BEHAVIOUR, rules.dailyCapPerBehaviour());
        }
        if (points > leftTotal) {
            points = leftTotal;
            cut = new PointsReason.CapCut(PointsReason.Cap.TOTAL, rules.dailyCapTotal());
        }
        return PointsReason.earning(rules.version(), behaviour, evidence, grams, score, cut, points);
    }
}
