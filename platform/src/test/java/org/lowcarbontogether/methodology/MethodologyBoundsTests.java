package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.methodology.Calculation.Credited;
import org.lowcarbontogether.methodology.Calculation.NotCredited;
import org.lowcarbontogether.methodology.Calculation.Reason;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Confidence;

/**
 * Version 1.2.0 bounds every number a person can type: physical ranges refuse, typical ranges flag, ceilings cap, and
 * numbers with absurd exponents are refused before any arithmetic. Named after the attacks that succeeded on 1.1.0.
 */
class MethodologyBoundsTests {

    static final MethodologyVersion V12 = MethodologyFixtures.read("/methodology/lct-1.2.0.json");
    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    private static Calculation calculate(
            String behaviour, String quantity, String unit, Map<String, String> parameters) {
        var values = new HashMap<String, BigDecimal>();
        parameters.forEach((k, v) -> values.put(k, new BigDecimal(v)));
        return Calculator.calculate(
                V12, new ActivityInput(behaviour, new BigDecimal(quantity), unit, DAY, "CN-GD", values));
    }

    @Test
    void aTinyOccupancyIsRefusedNotMultiplied() {
        for (String occupancy : new String[] {"0.0001", "1e-12", "0.5"}) {
            assertThat(calculate("WALK_INSTEAD_OF_CAR", "5", "km", Map.of("occupancy", occupancy)))
                    .isInstanceOfSatisfying(NotCredited.class, n -> {
                        assertThat(n.reason()).isEqualTo(Reason.INVALID_PARAMETER);
                        assertThat(n.field()).isEqualTo("parameters.occupancy");
                    });
        }
    }

    @Test
    void aMillionKilometresOfUsualDrivingIsRefused() {
        assertThat(calculate("CAR_FREE_DAY", "1", "day", Map.of("usualDailyKm", "1000000")))
                .isInstanceOfSatisfying(
                        NotCredited.class, n -> assertThat(n.reason()).isEqualTo(Reason.INVALID_PARAMETER));
    }

    @Test
    void everyMultiplyingParameterHasAnUpperBound() {
        for (Behaviour behaviour : V12.behaviours()) {
            for (var parameter : behaviour.parameters()) {
                assertThat(parameter.max())
                        .as("%s.%s", behaviour.code(), parameter.id())
                        .isNotNull();
                assertThat(parameter.min())
                        .as("%s.%s", behaviour.code(), parameter.id())
                        .isNotNull();
                assertThat(parameter.typicalMax())
                        .as("%s.%s", behaviour.code(), parameter.id())
                        .isNotNull();
                assertThat(parameter.explanation())
                        .as("%s.%s", behaviour.code(), parameter.id())
                        .isNotNull();
            }
        }
    }

    @Test
    void anAtypicalButPossibleValueIsFlaggedForReview() {
        assertThat(calculate("WALK_INSTEAD_OF_CAR", "5", "km", Map.of("occupancy", "1")))
                .isInstanceOfSatisfying(
                        Credited.class,
                        c -> assertThat(c.flags()).doesNotContain(Calculation.Flags.ATYPICAL_PARAMETER));
        assertThat(calculate("WALK_INSTEAD_OF_CAR", "5", "km", Map.of("occupancy", "7")))
                .isInstanceOfSatisfying(
                        Credited.class, c -> assertThat(c.flags()).contains(Calculation.Flags.ATYPICAL_PARAMETER));
    }

    @Test
    void aReductionAboveTheCeilingIsCutToIt() {
        // 300 km of usual driving is physically possible but far from typical: 300 × 167.25 g = 50 kg > the 11 kg
        // ceiling.
        var capped = calculate("CAR_FREE_DAY", "1", "day", Map.of("usualDailyKm", "300"));
        long ceiling = V12.behaviour("CAR_FREE_DAY").orElseThrow().maxGramsPerRecord();
        assertThat(capped).isInstanceOfSatisfying(Credited.class, c -> {
            assertThat(c.reductionGrams()).isEqualTo(ceiling);
            assertThat(c.flags()).contains(Calculation.Flags.CEILING_APPLIED, Calculation.Flags.ATYPICAL_PARAMETER);
            assertThat(c.steps()).anySatisfy(s -> assertThat(s.label()).isEqualTo("ceiling"));
        });
    }

    @Test
    void absurdNumbersAreRefusedBeforeAnyArithmetic() {
        for (String quantity : new String[] {"1e17", "1e308", "1e400", "1e-30", "1e-400"}) {
            long started = System.nanoTime();
            assertThat(calculate("ELECTRICITY_SAVED", quantity, "kWh", Map.of()))
                    .as(quantity)
                    .isInstanceOfSatisfying(
                            NotCredited.class, n -> assertThat(n.reason()).isIn(Reason.INVALID_QUANTITY));
            assertThat(System.nanoTime() - started).as("refused at once").isLessThan(1_000_000_000L);
        }
        for (String value : new String[] {"1e30", "1e-30", "1e400"}) {
            assertThat(calculate("WALK_INSTEAD_OF_CAR", "5", "km", Map.of("occupancy", value)))
                    .as(value)
                    .isInstanceOfSatisfying(
                            NotCredited.class, n -> assertThat(n.reason()).isEqualTo(Reason.INVALID_PARAMETER));
        }
    }

    @Test
    void aQuantityAboveTheDailyCapIsRefused() {
        assertThat(calculate("WALK_INSTEAD_OF_CAR", "61", "km", Map.of()))
                .isInstanceOfSatisfying(
                        NotCredited.class, n -> assertThat(n.reason()).isEqualTo(Reason.QUANTITY_ABOVE_CAP));
    }

    @Test
    void everySelfRecordableBehaviourCalculatesFromItsCitedDefaults() {
        for (Behaviour behaviour : V12.behaviours()) {
            if (!behaviour.selfRecordable()) {
                continue;
            }
            var result = calculate(behaviour.code(), "1", behaviour.unit(), Map.of());
            assertThat(result).as(behaviour.code()).isInstanceOf(Credited.class);
            assertThat(((Credited) result).flags())
                    .as(behaviour.code())
                    .doesNotContain(Calculation.Flags.CEILING_APPLIED);
        }
        assertThat(V12.behaviours().stream().filter(b -> !b.selfRecordable()).map(Behaviour::code))
                .containsExactlyInAnyOrder("CERTIFIED_GREEN_PRODUCT", "HOME_ELECTRICITY_BELOW_BASELINE");
    }

    @Test
    void aDailyCapOfDefaultsStaysUnderTheCeiling() {
        for (Behaviour behaviour : V12.behaviours()) {
            if (!behaviour.selfRecordable()) {
                continue;
            }
            var result = calculate(behaviour.code(), behaviour.maxPerDay().toPlainString(), behaviour.unit(), Map.of());
            assertThat(result).as(behaviour.code()).isInstanceOfSatisfying(Credited.class, c -> {
                assertThat(c.reductionGrams()).as(behaviour.code()).isLessThanOrEqualTo(behaviour.maxGramsPerRecord());
                assertThat(c.flags()).as(behaviour.code()).doesNotContain(Calculation.Flags.CEILING_APPLIED);
            });
        }
    }

    @Test
    void aProductFootprintIsNotAParticipantsToGive() {
        var product = V12.behaviour("CERTIFIED_GREEN_PRODUCT").orElseThrow();
        assertThat(product.parameter("footprintDifferenceKg").orElseThrow().declarableByParticipant())
                .isFalse();
        assertThat(ActivityChecks.problems(
                        V12,
                        "CERTIFIED_GREEN_PRODUCT",
                        BigDecimal.ONE,
                        "item",
                        null,
                        Map.of("footprintDifferenceKg", new BigDecimal("5000")),
                        ActivityChecks.Giver.PARTICIPANT,
                        true))
                .extracting(v -> v.code())
                .contains("parameter-out-of-range");
        assertThat(ActivityChecks.problems(
                        V12,
                        "CERTIFIED_GREEN_PRODUCT",
                        BigDecimal.ONE,
                        "item",
                        null,
                        Map.of("footprintDifferenceKg", new BigDecimal("5")),
                        ActivityChecks.Giver.PARTICIPANT,
                        true))
                .extracting(v -> v.code())
                .containsExactly("parameter-not-declarable");
    }

    @Test
    void everyProblemOfAnActivityIsReportedAtOnceNamingItsField() {
        var problems = ActivityChecks.problems(
                V12,
                "EV_INSTEAD_OF_PETROL_CAR",
                new BigDecimal("1e400"),
                "mile",
                "XX",
                Map.of("kWhPerKm", new BigDecimal("9"), "colour", BigDecimal.ONE),
                ActivityChecks.Giver.PARTICIPANT,
                true);
        assertThat(problems)
                .extracting(v -> v.field())
                .containsExactlyInAnyOrder("unit", "quantity", "region", "parameters.kWhPerKm", "parameters.colour");
    }

    @Test
    void factorsReadThroughReportsAreNeverRatedHigh() {
        assertThat(MethodologyValidation.problems(V12)).isEmpty();
        long secondary = V12.factors().stream()
                .filter(f -> V12.source(f.sourceId()).orElseThrow().readThroughReport())
                .peek(f -> assertThat(f.confidence()).as(f.id()).isNotEqualTo(Confidence.HIGH))
                .count();
        assertThat(secondary).isEqualTo(41);
        assertThat(V12.sources().stream().filter(MethodologyVersion.Source::readThroughReport))
                .allSatisfy(s -> assertThat(s.primaryCitation()).as(s.id()).isNotBlank());
    }

    @Test
    void versionOneOneIsReadAndWrittenUnchanged() {
        var v11 = MethodologyFixtures.read("/methodology/lct-1.1.0.json");
        assertThat(MethodologyDocuments.write(MethodologyDocuments.read(MethodologyDocuments.write(v11))))
                .isEqualTo(MethodologyDocuments.write(v11));
        assertThat(MethodologyDocuments.write(v11))
                .doesNotContain("\"typicalMax\"", "\"maxGramsPerRecord\"", "\"secondary\"");
    }
}
