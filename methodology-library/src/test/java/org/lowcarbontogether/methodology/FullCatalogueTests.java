package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.methodology.Calculation.Credited;
import org.lowcarbontogether.methodology.Calculation.NotCredited;
import org.lowcarbontogether.methodology.Calculation.Reason;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;

/** The full catalogue (1.1.0): coverage, required inputs, bounds and the behaviour of every formula. */
class FullCatalogueTests {

    static final MethodologyVersion V11 = MethodologyFixtures.read("/methodology/lct-1.1.0.json");
    static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    @Test
    void coversAtLeastFortyBehavioursInAllSevenCategories() {
        assertThat(V11.behaviours()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(V11.behaviours().stream().map(Behaviour::category).distinct())
                .containsExactlyInAnyOrder(Category.values());
        assertThat(V11.behaviours().stream().map(Behaviour::code))
                .contains(
                        "WALK_INSTEAD_OF_CAR",
                        "CYCLE_INSTEAD_OF_CAR",
                        "BIKE_SHARE_INSTEAD_OF_CAR",
                        "BUS_INSTEAD_OF_CAR",
                        "METRO_INSTEAD_OF_CAR",
                        "RAIL_INSTEAD_OF_CAR",
                        "CARPOOL_INSTEAD_OF_DRIVING",
                        "EV_INSTEAD_OF_PETROL_CAR",
                        "NO_DISPOSABLE_CUTLERY",
                        "CLEAN_PLATE",
                        "PLANT_BASED_INSTEAD_OF_BEEF",
                        "BRING_OWN_CUP",
                        "REUSABLE_BAG",
                        "REPAIR_INSTEAD_OF_REPLACE",
                        "DONATE_CLOTHES",
                        "PASS_ON_BOOKS",
                        "PASS_ON_ELECTRONICS",
                        "CERTIFIED_GREEN_PRODUCT",
                        "ELECTRICITY_SAVED",
                        "WATER_SAVED",
                        "E_RECEIPT",
                        "PAPERLESS_BILLING",
                        "E_TICKET",
                        "RECYCLE_PAPER",
                        "RECYCLE_PLASTICS",
                        "RECYCLE_GLASS",
                        "FOOD_WASTE_COMPOSTED",
                        "TEXTILES_TO_RECYCLING");
        assertThat(V11.behaviours())
                .allSatisfy(b -> assertThat(b.baselineMethod()).as(b.code()).isNotNull());
        assertThat(MethodologyValidation.problems(V11)).isEmpty();
    }

    @Test
    void aMissingInputCreditsNothingAndSaysWhich() {
        var result = Calculator.calculate(
                V11, new ActivityInput("EV_INSTEAD_OF_PETROL_CAR", BigDecimal.TEN, "km", DAY, "CN-GD"));
        assertThat(result).isInstanceOfSatisfying(NotCredited.class, n -> {
            assertThat(n.reason()).isEqualTo(Reason.MISSING_INPUT);
            assertThat(n.detail()).isEqualTo("kWhPerKm");
        });
    }

    @Test
    void anElectricCarMixesGasBasesAndSaysSo() {
        var result = Calculator.calculate(
                V11,
                new ActivityInput(
                        "EV_INSTEAD_OF_PETROL_CAR",
                        BigDecimal.TEN,
                        "km",
                        DAY,
                        "CN-GD",
                        Map.of("kWhPerKm", new BigDecimal("0.15"))));
        assertThat(result).isInstanceOfSatisfying(Credited.class, c -> {
            assertThat(c.flags()).contains(Calculation.Flags.MIXED_GAS_BASIS);
            assertThat(c.factors()).anySatisfy(f -> assertThat(f.region()).isEqualTo("CN-GRID-SOUTH"));
        });
    }

    @Test
    void fractionsAboveOneAreRefused() {
        var result = Calculator.calculate(
                V11,
                new ActivityInput(
                        "PASS_ON_BOOKS",
                        BigDecimal.ONE,
                        "kg",
                        DAY,
                        null,
                        Map.of("replacementRate", new BigDecimal("1.5"))));
        assertThat(result)
                .isInstanceOfSatisfying(
                        NotCredited.class, n -> assertThat(n.reason()).isEqualTo(Reason.INVALID_PARAMETER));
    }

    @Test
    void everyBehaviourIsMonotonicInQuantityAndNeverNegativeOnceItsInputsAreGiven() {
        for (Behaviour behaviour : V11.behaviours()) {
            Map<String, BigDecimal> inputs = new HashMap<>();
            behaviour.parameters().stream()
                    .filter(p -> p.defaultValue() == null)
                    .forEach(p -> inputs.put(p.id(), p.max() != null ? new BigDecimal("0.5") : new BigDecimal("2")));
            long previous = -1;
            for (String quantity : Arrays.asList("0.5", "1", "2", "3.25", "10")) {
                if (new BigDecimal(quantity).compareTo(behaviour.maxPerDay()) > 0) {
                    break;
                }
                var result = Calculator.calculate(
                        V11,
                        new ActivityInput(
                                behaviour.code(), new BigDecimal(quantity), behaviour.unit(), DAY, "CN-SH", inputs));
                assertThat(result).as("%s × %s", behaviour.code(), quantity).isInstanceOf(Credited.class);
                long grams = ((Credited) result).reductionGrams();
                assertThat(grams)
                        .as("%s × %s", behaviour.code(), quantity)
                        .isNotNegative()
                        .isGreaterThanOrEqualTo(previous);
                previous = grams;
            }
        }
    }

    @Test
    void theMetroResultIsUnchangedFromTheFirstVersion() {
        var input = new ActivityInput("METRO_INSTEAD_OF_CAR", new BigDecimal("12"), "km", DAY, "CN-GD");
        assertThat(((Credited) Calculator.calculate(V11, input)).reductionGrams())
                .isEqualTo(((Credited) Calculator.calculate(MethodologyFixtures.version1(), input)).reductionGrams());
    }
}
