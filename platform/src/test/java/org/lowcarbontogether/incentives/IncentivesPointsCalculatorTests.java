package org.lowcarbontogether.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The points arithmetic under the shipped rules: base and per-kg points, evidence, multipliers, caps, levels. */
class IncentivesPointsCalculatorTests {

    final PointsRules rules = new PointsRules(
            JsonMapper.builder().build(), Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC));
    final PointsRules.RuleSet current = rules.current();

    @Test
    void theShippedRulesArePublishedWithTheirBadgesAndLevels() {
        assertThat(current.version()).isEqualTo("points-2026.11");
        assertThat(current.badges())
                .extracting(PointsRules.Badge::code)
                .contains(
                        "FIRST_RIDE",
                        "STREAK_7",
                        "STREAK_30",
                        "SAVED_10_KG",
                        "SAVED_100_KG",
                        "FIRST_STORY",
                        "TEN_EVENTS",
                        "COMMUNITY_MEMBER");
        assertThat(current.badge("FIRST_RIDE").orElseThrow().behaviours())
                .contains("CYCLE_INSTEAD_OF_CAR", "BIKE_SHARE_INSTEAD_OF_CAR");
        assertThat(rules.effectiveOn(LocalDate.of(2020, 1, 1)).version()).isEqualTo("points-2026.11");
    }

    @Test
    void aSelfReportEarnsBasePlusPointsPerKilogramRoundedDown() {
        // 1,673 g: 5 base + floor(16.73) = 21
        var reason = PointsCalculator.earn(current, "METRO_INSTEAD_OF_CAR", "SELF_REPORT", 1673, null, false, 0, 0);
        assertThat(reason.earnedPoints()).isEqualTo(21);
        assertThat(reason.basePoints()).isEqualTo(5);
        assertThat(reason.kgPoints()).isEqualTo(16);
        assertThat(reason.cap()).isNull();
        assertThat(reason.rulesVersion()).isEqualTo("points-2026.11");
    }

    @Test
    void aScreenshotEarnsTwiceASelfReportAndVerifiedEvidenceMore() {
        long self = PointsCalculator.earn(current, "BUS_INSTEAD_OF_CAR", "SELF_REPORT", 1000, null, false, 0, 0)
                .earnedPoints();
        long photo = PointsCalculator.earn(current, "BUS_INSTEAD_OF_CAR", "PHOTO", 1000, null, false, 0, 0)
                .earnedPoints();
        long partner = PointsCalculator.earn(current, "BUS_INSTEAD_OF_CAR", "PARTNER_VERIFIED", 1000, null, false, 0, 0)
                .earnedPoints();
        assertThat(self).isEqualTo(15);
        assertThat(photo).isEqualTo(2 * self);
        assertThat(partner).isGreaterThan(photo);
    }

    @Test
    void campaignAndNewcomerMultipliersMultiplyAndAreNamed() {
        var campaign = new PointsCalculator.Campaign(UUID.randomUUID(), "Cycling month", new BigDecimal("1.50"));
        var reason = PointsCalculator.earn(current, "CYCLE_INSTEAD_OF_CAR", "SELF_REPORT", 1000, campaign, true, 0, 0);
        // (5 + 10) × 1 × 1.5 × 2 = 45
        assertThat(reason.earnedPoints()).isEqualTo(45);
        assertThat(reason.campaignId()).isEqualTo(campaign.id());
        assertThat(reason.campaignName()).isEqualTo("Cycling month");
        assertThat(reason.newcomerMultiplier()).isEqualByComparingTo("2");
    }

    @Test
    void dailyCapsCutPointsAndSayWhich() {
        var behaviourCap =
                PointsCalculator.earn(current, "RAIL_INSTEAD_OF_CAR", "SELF_REPORT", 20_000, null, false, 140, 140);
        assertThat(behaviourCap.computed()).isEqualTo(205);
        assertThat(behaviourCap.earnedPoints()).isEqualTo(10);
        assertThat(behaviourCap.cap()).isEqualTo(PointsReason.Cap.BEHAVIOUR);
        assertThat(behaviourCap.capLimit()).isEqualTo(150);

        var totalCap = PointsCalculator.earn(current, "BUS_INSTEAD_OF_CAR", "SELF_REPORT", 1000, null, false, 0, 395);
        assertThat(totalCap.earnedPoints()).isEqualTo(5);
        assertThat(totalCap.cap()).isEqualTo(PointsReason.Cap.TOTAL);

        var nothingLeft =
                PointsCalculator.earn(current, "BUS_INSTEAD_OF_CAR", "SELF_REPORT", 1000, null, false, 150, 150);
        assertThat(nothingLeft.earnedPoints()).isZero();
    }

    @Test
    void levelsFollowLifetimePoints() {
        assertThat(current.levelFor(0).level()).isEqualTo(1);
        assertThat(current.levelFor(199).level()).isEqualTo(1);
        assertThat(current.levelFor(200).level()).isEqualTo(2);
        assertThat(current.levelFor(50_000).level()).isEqualTo(5);
        assertThat(current.nextLevel(250).orElseThrow().minPoints()).isEqualTo(1000);
        assertThat(current.nextLevel(10_000)).isEmpty();
    }
}
