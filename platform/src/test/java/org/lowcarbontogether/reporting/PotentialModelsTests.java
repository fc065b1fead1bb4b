package org.lowcarbontogether.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.reporting.PotentialModels.Basis;
import org.lowcarbontogether.reporting.PotentialModels.Inputs;
import org.lowcarbontogether.reporting.PotentialModels.Sensitivity;
import tools.jackson.databind.json.JsonMapper;

/** Each potential model on a fixture computed by hand, under the bundled version lct-potential-1. */
class PotentialModelsTests {

    final PotentialModels models = new PotentialModels(JsonMapper.builder().build());

    @Test
    void theBundledVersionCitesOrMarksEveryParameter() {
        var version = models.current();
        assertThat(version.id()).isEqualTo("lct-potential-1");
        assertThat(version.models()).extracting(PotentialModels.Model::key).containsExactly("PERSISTENCE", "REACH");
        for (var model : version.models()) {
            for (var p : model.parameters()) {
                assertThat(p.source()).as(p.key()).isNotBlank();
                assertThat(p.low()).as(p.key()).isLessThanOrEqualTo(p.high());
                if (p.basis() == Basis.ASSUMPTION) {
                    assertThat(p.source()).as(p.key()).startsWith("Assumption:");
                }
            }
        }
    }

    @Test
    void reachModelOnAHandCheckedFixture() {
        // 900,000 platform hits + 100,000 accepted off-platform = 1,000,000 hits.
        // central: 1,000,000 × 0.50 × 0.05 × 15 kg   =    375,000 kg =    375,000,000 g
        // low:     1,000,000 × 0.30 × 0.01 × 5.5 kg  =     16,500 kg =     16,500,000 g
        // high:    1,000,000 × 0.80 × 0.21 × 100 kg  = 16,800,000 kg = 16,800,000,000 g
        var result = models.compare(new Inputs(null, BigDecimal.ONE, 900_000, 100_000))
                .of("REACH");
        assertThat(result).isNotNull();
        assertThat(result.central()).isEqualTo(375_000_000L);
        assertThat(result.low()).isEqualTo(16_500_000L);
        assertThat(result.high()).isEqualTo(16_800_000_000L);
        // one parameter at a time, the others central:
        // people per hit 0.30: 1e6 × 0.30 × 0.05 × 15 = 225,000 kg; 0.80: 1e6 × 0.80 × 0.05 × 15 = 600,000 kg
        // adoption 0.01: 1e6 × 0.50 × 0.01 × 15 = 75,000 kg; 0.21: 1e6 × 0.50 × 0.21 × 15 = 1,575,000 kg
        // per adopter 5.5 kg: 1e6 × 0.50 × 0.05 × 5.5 = 137,500 kg; 100 kg: 1e6 × 0.50 × 0.05 × 100 = 2,500,000 kg
        assertThat(result.sensitivity())
                .containsExactly(
                        new Sensitivity("peoplePerHit", 225_000_000L, 600_000_000L),
                        new Sensitivity("adoptionRate", 75_000_000L, 1_575_000_000L),
                        new Sensitivity("kgPerAdopter", 137_500_000L, 2_500_000_000L));
    }

    @Test
    void reachModelRoundsDown() {
        // 7 hits × 0.5 × 0.05 × 15 kg = 2.625 kg = 2,625 g exactly; 3 hits → 1.125 kg = 1,125 g;
        // low for 3 hits: 3 × 0.3 × 0.01 × 5.5 kg = 0.0495 kg = 49.5 g → 49 g
        var result = models.compare(new Inputs(null, BigDecimal.ONE, 3, 0)).of("REACH");
        assertThat(result).isNotNull();
        assertThat(result.central()).isEqualTo(1_125L);
        assertThat(result.low()).isEqualTo(49L);
        assertThat(models.compare(new Inputs(null, BigDecimal.ONE, 7, 0))
                        .of("REACH")
                        .central())
                .isEqualTo(2_625L);
    }

    @Test
    void persistenceModelOnAHandCheckedFixture() {
        // programme factor 0.8, figure at that factor 1,234,567 g a year.
        // low = min(0.40, 0.8) = 0.40: 1,234,567 × 0.40 / 0.8 = 617,283.5 → 617,283 g
        // high = max(1.00, 0.8) = 1.00: 1,234,567 × 1.00 / 0.8 = 1,543,208.75 → 1,543,208 g
        var result = models.compare(new Inputs(1_234_567L, new BigDecimal("0.8"), 0, 0))
                .of("PERSISTENCE");
        assertThat(result).isNotNull();
        assertThat(result.low()).isEqualTo(617_283L);
        assertThat(result.central()).isEqualTo(1_234_567L);
        assertThat(result.high()).isEqualTo(1_543_208L);
        assertThat(result.sensitivity()).containsExactly(new Sensitivity("persistence", 617_283L, 1_543_208L));
        assertThat(result.parameters().getFirst().central()).isEqualByComparingTo("0.8");

        // a programme factor below the version's low one is its own low: 0.3 → low = central = 300,000 g;
        // high 1.00: 300,000 × 1.00 / 0.3 = 1,000,000 g
        var cautious = models.compare(new Inputs(300_000L, new BigDecimal("0.3"), 0, 0))
                .of("PERSISTENCE");
        assertThat(cautious.low()).isEqualTo(300_000L);
        assertThat(cautious.high()).isEqualTo(1_000_000L);
    }

    @Test
    void withoutAPersistenceFigureOnlyTheReachModelIsShown() {
        var comparison = models.compare(new Inputs(null, BigDecimal.ONE, 10, 0));
        assertThat(comparison.results())
                .extracting(PotentialModels.Result::model)
                .containsExactly("REACH");
    }

    @Test
    void theSeedsHeadlineLiesBetweenTheReachModelsCentralAndHighScenarios() {
        // The seed: more than 4 million hits and about 54,000 t a year of potential.
        // central: 4e6 × 0.5 × 0.05 × 15 kg = 1,500 t; high: 4e6 × 0.8 × 0.21 × 100 kg = 67,200 t.
        var reach =
                models.compare(new Inputs(null, BigDecimal.ONE, 4_000_000, 0)).of("REACH");
        assertThat(reach.central()).isEqualTo(1_500_000_000L);
        assertThat(reach.high()).isEqualTo(67_200_000_000L);
        assertThat(54_000_000_000L).isBetween(reach.central(), reach.high());
    }

    @Test
    void aNewVersionBecomesCurrentAndTheOldOneStaysAsItWas() {
        var first = models.current();
        var second = new PotentialModels.Version(
                "test-potential-2",
                LocalDate.of(2099, 1, 1),
                List.of(new PotentialModels.Model(
                        "REACH",
                        "x",
                        List.of(new PotentialModels.Parameter(
                                "adoptionRate",
                                "share",
                                BigDecimal.ONE,
                                BigDecimal.ONE,
                                BigDecimal.ONE,
                                Basis.ASSUMPTION,
                                "Assumption: test")))));
        models.add(second);
        assertThat(models.current().id()).isEqualTo("test-potential-2");
        // 10 hits × 1 × 1 kg = 10,000 g under the new version; the old one still gives 10 × 0.5 × 0.05 × 15 kg = 3,750
        // g
        var inputs = new Inputs(null, BigDecimal.ONE, 10, 0);
        assertThat(models.compare(inputs).of("REACH").central()).isEqualTo(10_000L);
        assertThat(PotentialModels.compare(models.version(first.id()), inputs)
                        .of("REACH")
                        .central())
                .isEqualTo(3_750L);
    }
}
