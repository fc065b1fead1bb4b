package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.methodology.MethodologyFixtures.activity;
import static org.lowcarbontogether.methodology.MethodologyFixtures.activityOn;
import static org.lowcarbontogether.methodology.MethodologyFixtures.version1;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.methodology.Calculation.Credited;
import org.lowcarbontogether.methodology.Calculation.NotCredited;
import org.lowcarbontogether.methodology.Calculation.Reason;
import org.lowcarbontogether.methodology.Calculation.UsedFactor;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Purpose;

class CalculatorTests {

    private static Credited credited(ActivityInput input) {
        Calculation calculation = Calculator.calculate(version1(), input);
        assertThat(calculation).as("calculation of %s", input).isInstanceOf(Credited.class);
        return (Credited) calculation;
    }

    private static NotCredited notCredited(ActivityInput input) {
        Calculation calculation = Calculator.calculate(version1(), input);
        assertThat(calculation).isInstanceOf(NotCredited.class);
        return (NotCredited) calculation;
    }

    @Test
    void metroInsteadOfCarIsCarMinusMetroPerKilometre() {
        Credited result = credited(activity("METRO_INSTEAD_OF_CAR", "12", "km", "CN-GD"));

        // 12 km × 167.25 g/vehicle-km ÷ 1 person = 2007 g; 12 km × 27.8 g/pkm = 333.6 g
        assertThat(result.baselineGrams()).isEqualTo(2007);
        assertThat(result.projectGrams()).isEqualTo(334);
        assertThat(result.reductionGrams()).isEqualTo(1673);
        assertThat(result.methodologyCode()).isEqualTo("LCT");
        assertThat(result.methodologyVersion()).isEqualTo("1.0.0");
        assertThat(result.factors())
                .extracting(UsedFactor::id)
                .containsExactly("EF-CAR-AVG-GB-2025", "EF-METRO-GB-2025");
        assertThat(result.factors()).allSatisfy(f -> {
            assertThat(f.source()).isNotBlank();
            assertThat(f.region()).isNotBlank();
        });
        assertThat(result.flags()).contains(Calculation.Flags.PROXY_REGION);
        assertThat(result.steps())
                .extracting(Calculation.Step::label)
                .contains("baselineFactor", "projectFactor", "baseline", "project", "reduction", "uncertainty");
    }

    @Test
    void convertsUnitsBeforeCalculating() {
        Credited metres = credited(activity("METRO_INSTEAD_OF_CAR", "12000", "m", null));
        Credited kilometres = credited(activity("METRO_INSTEAD_OF_CAR", "12", "km", null));

        assertThat(metres.reductionGrams()).isEqualTo(kilometres.reductionGrams());
        assertThat(metres.steps().getFirst().label()).isEqualTo("conversion");
    }

    @Test
    void electricityUsesTheMostSpecificRegionWithAFactor() {
        // Guangdong has no provincial factor: the China Southern grid's 2023 value applies
        Credited guangdong = credited(activity("ELECTRICITY_SAVED", "3", "kWh", "CN-GD"));
        assertThat(guangdong.factors()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("CN-GRID-SOUTH");
            assertThat(f.year()).isEqualTo(2023);
            assertThat(f.value()).isEqualByComparingTo("0.4042");
        });
        assertThat(guangdong.reductionGrams()).isEqualTo(1212); // 3 × 404.2 = 1212.6, rounded down

        // Sichuan has its own (2022) provincial factor, which wins over the grid region's newer one
        Credited sichuan = credited(activity("ELECTRICITY_SAVED", "3", "kWh", "CN-SC"));
        assertThat(sichuan.factors())
                .singleElement()
                .satisfies(f -> assertThat(f.region()).isEqualTo("CN-SC"));

        // Without a province, the national factor
        Credited china = credited(activity("ELECTRICITY_SAVED", "3", "kWh", null));
        assertThat(china.factors()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("CN");
            assertThat(f.value()).isEqualByComparingTo("0.5306");
        });
        assertThat(china.flags()).doesNotContain(Calculation.Flags.PROXY_REGION);
    }

    @Test
    void usesTheLatestFactorYearNotAfterTheActivity() {
        Credited in2022 = credited(activityOn("ELECTRICITY_SAVED", "1", "kWh", "CN-GD", LocalDate.of(2022, 7, 1)));
        assertThat(in2022.factors()).singleElement().satisfies(f -> {
            assertThat(f.year()).isEqualTo(2022);
            assertThat(f.value()).isEqualByComparingTo("0.3869");
        });
        Credited in2021 = credited(activityOn("ELECTRICITY_SAVED", "1", "kWh", "CN-GD", LocalDate.of(2021, 7, 1)));
        assertThat(in2021.factors()).singleElement().satisfies(f -> {
            assertThat(f.region()).isEqualTo("CN");
            assertThat(f.year()).isEqualTo(2021);
        });
    }

    @Test
    void neverUsesCarbonMarketFactorsForPersonalAccounts() {
        assertThat(version1().factorsOf("electricity.grid_average"))
                .anyMatch(f -> f.purpose() == Purpose.CARBON_MARKET_REPORTING);
        for (var region : Regions.all()) {
            Calculation c = Calculator.calculate(version1(), activity("ELECTRICITY_SAVED", "1", "kWh", region.code()));
            if (c instanceof Credited credited) {
                assertThat(credited.factors())
                        .allSatisfy(f -> assertThat(f.purpose()).isNotEqualTo("CARBON_MARKET_REPORTING"));
            }
        }
    }

    @Test
    void unknownIsNeverZero() {
        assertThat(notCredited(activityOn("ELECTRICITY_SAVED", "1", "kWh", "CN-GD", LocalDate.of(2019, 1, 1)))
                        .reason())
                .isEqualTo(Reason.NO_FACTOR);
        assertThat(notCredited(activity("TELEPORT_INSTEAD_OF_FLIGHT", "1", "km", null))
                        .reason())
                .isEqualTo(Reason.UNKNOWN_BEHAVIOUR);
        assertThat(notCredited(activity("METRO_INSTEAD_OF_CAR", "1", "kWh", null))
                        .reason())
                .isEqualTo(Reason.UNIT_NOT_ACCEPTED);
        assertThat(notCredited(activity("METRO_INSTEAD_OF_CAR", "0", "km", null))
                        .reason())
                .isEqualTo(Reason.INVALID_QUANTITY);
        assertThat(notCredited(activity("METRO_INSTEAD_OF_CAR", "-3", "km", null))
                        .reason())
                .isEqualTo(Reason.INVALID_QUANTITY);
        assertThat(notCredited(activity("METRO_INSTEAD_OF_CAR", "3", "km", "CN-XX"))
                        .reason())
                .isEqualTo(Reason.UNKNOWN_REGION);
        var badParameter = new ActivityInput(
                "METRO_INSTEAD_OF_CAR",
                BigDecimal.ONE,
                "km",
                LocalDate.of(2026, 1, 5),
                null,
                Map.of("occupancy", BigDecimal.ZERO));
        assertThat(((NotCredited) Calculator.calculate(version1(), badParameter)).reason())
                .isEqualTo(Reason.INVALID_PARAMETER);
    }

    @Test
    void roundsBaselineHalfEvenAndTheReductionDown() {
        // 1 km by metro: baseline 167.25 g → 167 (half-even), project 27.8 g → 28, reduction 139.45 g → 139 (down)
        Credited one = credited(activity("METRO_INSTEAD_OF_CAR", "1", "km", null));
        assertThat(one.baselineGrams()).isEqualTo(167);
        assertThat(one.projectGrams()).isEqualTo(28);
        assertThat(one.reductionGrams()).isEqualTo(139);
        // the reduction comes from the exact difference, not from the rounded parts (167 − 28 would be 139 too; 3 km
        // shows it)
        Credited three = credited(activity("METRO_INSTEAD_OF_CAR", "3", "km", null));
        assertThat(three.baselineGrams()).isEqualTo(502); // 501.75
        assertThat(three.projectGrams()).isEqualTo(83); // 83.4
        assertThat(three.reductionGrams()).isEqualTo(418); // 418.35, not 502 − 83 = 419
    }

    @Test
    void aHigherOccupancyGivesASmallerReductionAndNeverANegativeOne() {
        var alone = credited(activity("METRO_INSTEAD_OF_CAR", "10", "km", null));
        var shared = (Credited) Calculator.calculate(
                version1(),
                new ActivityInput(
                        "METRO_INSTEAD_OF_CAR",
                        BigDecimal.TEN,
                        "km",
                        LocalDate.of(2026, 11, 28),
                        null,
                        Map.of("occupancy", new BigDecimal("3"))));
        var full = (Credited) Calculator.calculate(
                version1(),
                new ActivityInput(
                        "METRO_INSTEAD_OF_CAR",
                        BigDecimal.TEN,
                        "km",
                        LocalDate.of(2026, 11, 28),
                        null,
                        Map.of("occupancy", new BigDecimal("7"))));

        assertThat(shared.reductionGrams()).isLessThan(alone.reductionGrams());
        assertThat(full.reductionGrams()).isZero(); // 167.25 ÷ 7 = 23.9 g/km < 27.8 g/km by metro
        assertThat(full.flags()).contains(Calculation.Flags.NO_NET_REDUCTION);
        assertThat(shared.parameters())
                .singleElement()
                .satisfies(p -> assertThat(p.defaulted()).isFalse());
    }

    @Test
    void everyBehaviourIsMonotonicInQuantityAndNeverNegative() {
        var random = new Random(20261128);
        for (Behaviour behaviour : version1().behaviours()) {
            long previous = -1;
            BigDecimal quantity = BigDecimal.ZERO;
            for (int i = 0; i < 40; i++) {
                quantity = quantity.add(BigDecimal.valueOf(random.nextInt(1, 5000), 3));
                if (quantity.compareTo(behaviour.maxPerDay()) > 0) {
                    break; // above the daily cap the methodology refuses the quantity (see
                    // refusesAQuantityAboveTheDailyCap)
                }
                Credited result =
                        credited(activity(behaviour.code(), quantity.toPlainString(), behaviour.unit(), "CN-BJ"));
                assertThat(result.reductionGrams())
                        .as("%s at %s", behaviour.code(), quantity)
                        .isNotNegative();
                assertThat(result.reductionGrams())
                        .as("%s at %s", behaviour.code(), quantity)
                        .isGreaterThanOrEqualTo(previous);
                assertThat(result.lowGrams()).isLessThanOrEqualTo(result.reductionGrams());
                assertThat(result.highGrams()).isGreaterThanOrEqualTo(result.reductionGrams());
                previous = result.reductionGrams();
            }
        }
    }

    @Test
    void isExactAndAdditiveUpToOneGramOfRounding() {
        var random = new Random(7);
        for (int i = 0; i < 500; i++) {
            BigDecimal a = BigDecimal.valueOf(random.nextInt(1, 100_000), 3);
            BigDecimal b = BigDecimal.valueOf(random.nextInt(1, 100_000), 3);
            long separate = credited(activity("BUS_INSTEAD_OF_CAR", a.toPlainString(), "km", null))
                            .reductionGrams()
                    + credited(activity("BUS_INSTEAD_OF_CAR", b.toPlainString(), "km", null))
                            .reductionGrams();
            long together = credited(activity("BUS_INSTEAD_OF_CAR", a.add(b).toPlainString(), "km", null))
                    .reductionGrams();
            assertThat(together - separate).isBetween(0L, 1L);
        }
    }

    @Test
    void isDeterministic() {
        var input = activity("CLEAN_PLATE", "0.35", "kg", "CN-SH");
        assertThat(Calculator.calculate(version1(), input)).isEqualTo(Calculator.calculate(version1(), input));
    }

    @Test
    void theBundledVersionCoversTheFoundationCategories() {
        List<String> categories = version1().behaviours().stream()
                .map(b -> b.category().name())
                .distinct()
                .toList();
        assertThat(version1().behaviours()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(categories).contains("TRANSPORT", "FOOD", "HOUSING", "DAILY_USE");
    }
}
