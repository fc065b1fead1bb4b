package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.methodology.MethodologyDiff.Kind;
import org.lowcarbontogether.methodology.MethodologyVersion.ProductBaseline;
import org.lowcarbontogether.shared.LocalizedText;

/**
 * Version 1.3.0: the product registry's category baselines are part of the methodology, and a bicycle trip replacing a
 * taxi, a bus or the metro has a behaviour; nothing of 1.2.0 changes.
 */
class Methodology130Tests {

    static final MethodologyVersion V12 = MethodologyFixtures.read("/methodology/lct-1.2.0.json");
    static final MethodologyVersion V13 = MethodologyFixtures.read("/methodology/lct-1.3.0.json");
    static final List<String> CATEGORIES = List.of(
            "CLOTHING",
            "FOOD_AND_DRINK",
            "PAPER_PRODUCTS",
            "SMALL_ELECTRICAL",
            "IT_EQUIPMENT",
            "HOUSEHOLD_APPLIANCES",
            "CLEANING_AND_PERSONAL_CARE");

    @Test
    void theCatalogueValidatesAndTakesEffectWith120sDay() {
        assertThat(MethodologyValidation.problems(V13)).isEmpty();
        assertThat(V13.version()).isEqualTo("1.3.0");
        assertThat(V13.effectiveFrom()).isEqualTo(LocalDate.of(2026, 12, 7)).isEqualTo(V12.effectiveFrom());
        assertThat(V13.behaviours()).hasSize(60);
        assertThat(V13.changelog().en()).contains("nothing of 1.2.0 changes", "Cycle", "baseline");
        assertThat(V13.changelog().zh()).contains("1.2.0的内容均不改变", "类别基准", "骑自行车代替打车");
    }

    @Test
    void nothingOf120Changes() {
        assertThat(V13.factors()).isEqualTo(V12.factors());
        assertThat(V13.sources()).isEqualTo(V12.sources());
        for (var behaviour : V12.behaviours()) {
            assertThat(V13.behaviour(behaviour.code())).contains(behaviour);
        }
        assertThat(V12.productBaselines()).isNull();
        var diff = MethodologyDiff.between(V12, V13);
        assertThat(diff.factors()).isEmpty();
        assertThat(diff.sources()).isEmpty();
        assertThat(diff.behaviours())
                .extracting(MethodologyDiff.Change::id)
                .containsExactlyInAnyOrder("CYCLE_INSTEAD_OF_TAXI", "CYCLE_INSTEAD_OF_BUS", "CYCLE_INSTEAD_OF_METRO");
        assertThat(diff.behaviours()).allMatch(c -> c.kind() == Kind.ADDED);
        assertThat(diff.productBaselines())
                .extracting(MethodologyDiff.Change::id)
                .containsExactlyElementsOf(CATEGORIES);
    }

    @Test
    void everyRegistryCategoryHasACitedBaselineOrTheReasonItHasNone() {
        assertThat(V13.productBaselines()).extracting(ProductBaseline::category).containsExactlyElementsOf(CATEGORIES);
        // DESNZ 2025 material use, primary production, published per tonne: the same number is g per kg.
        var expected = Map.of(
                "CLOTHING", "22.31",
                "FOOD_AND_DRINK", "3.70140359",
                "PAPER_PRODUCTS", "1.3450779",
                "SMALL_ELECTRICAL", "5.64794563",
                "IT_EQUIPMENT", "24.86547556");
        expected.forEach((category, kg) -> {
            var baseline = V13.productBaseline(category).orElseThrow();
            assertThat(baseline.functionalUnit()).isEqualTo("kg");
            assertThat(V13.typicalFootprintKg(category))
                    .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(kg));
            var factor = V13.factor(baseline.factorId()).orElseThrow();
            assertThat(factor.sourceId()).isEqualTo("DESNZ-2025");
            assertThat(V13.source(factor.sourceId())).isPresent();
            assertThat(baseline.note()).isNotNull();
            assertThat(baseline.unsupportedReason()).isNull();
        });
        for (String category : List.of("HOUSEHOLD_APPLIANCES", "CLEANING_AND_PERSONAL_CARE")) {
            var baseline = V13.productBaseline(category).orElseThrow();
            assertThat(baseline.supported()).isFalse();
            assertThat(V13.typicalFootprintKg(category)).isEmpty();
            assertThat(baseline.unsupportedReason()).isNotNull();
        }
        assertThat(V12.productBaseline("CLOTHING")).isEmpty();
        assertThat(V12.typicalFootprintKg("CLOTHING")).isEmpty();
    }

    @Test
    void aBicycleTripReplacingATaxiABusOrTheMetroIsCreditedAtThatModesFactorPerPassengerKm() {
        // 12.5 km: taxi 0.14861, bus 0.10385, metro 0.0278 kg CO2e per passenger-km (DESNZ 2025), rounded down in g.
        assertThat(grams("CYCLE_INSTEAD_OF_TAXI", "12.5")).isEqualTo(1857); // 1857.625
        assertThat(grams("CYCLE_INSTEAD_OF_BUS", "12.5")).isEqualTo(1298); // 1298.125
        assertThat(grams("CYCLE_INSTEAD_OF_METRO", "12.5")).isEqualTo(347); // 347.5
        assertThat(grams("CYCLE_INSTEAD_OF_TAXI", "800", "m")).isEqualTo(118); // 118.888

        for (String code : List.of("CYCLE_INSTEAD_OF_TAXI", "CYCLE_INSTEAD_OF_BUS", "CYCLE_INSTEAD_OF_METRO")) {
            var behaviour = V13.behaviour(code).orElseThrow();
            assertThat(behaviour.evidence())
                    .containsExactlyInAnyOrder(
                            MethodologyVersion.EvidenceLevel.SELF_REPORT,
                            MethodologyVersion.EvidenceLevel.GPS,
                            MethodologyVersion.EvidenceLevel.PARTNER_VERIFIED);
            assertThat(behaviour.maxPerDay()).isEqualByComparingTo("200");
            assertThat(behaviour.parameters()).isEmpty();
            assertThat(behaviour.selfRecordable()).isTrue();
            assertThat(V12.behaviour(code)).isEmpty();
        }
        // Ceilings as in 1.2.0: 200 km at the highest factor, rounded up to two significant figures.
        assertThat(V13.behaviour("CYCLE_INSTEAD_OF_TAXI").orElseThrow().maxGramsPerDay())
                .isEqualTo(30_000L); // 29,722
        assertThat(V13.behaviour("CYCLE_INSTEAD_OF_BUS").orElseThrow().maxGramsPerRecord())
                .isEqualTo(21_000L); // 20,770
        assertThat(V13.behaviour("CYCLE_INSTEAD_OF_METRO").orElseThrow().maxGramsPerRecord())
                .isEqualTo(5_600L); // 5,560
    }

    @Test
    void theCsvTablesCarryTheBaselines() {
        var back = MethodologyCsv.read(new ByteArrayInputStream(MethodologyCsv.write(V13)));
        assertThat(back.productBaselines()).isEqualTo(V13.productBaselines());
        var older = MethodologyCsv.read(new ByteArrayInputStream(MethodologyCsv.write(V12)));
        assertThat(older.productBaselines())
                .as("a version without baselines has no such table")
                .isNull();
    }

    @Test
    void aBaselineMustCiteAFactorPerItsUnitOrGiveTheReason() {
        var reason = new LocalizedText("No factor.", "没有因子。");
        var note = new LocalizedText("Typical.", "典型。");
        var broken = new ArrayList<ProductBaseline>(List.of(
                new ProductBaseline("A", "kg", "EF-NOWHERE", note, null),
                new ProductBaseline("B", "kg", null, null, null),
                new ProductBaseline("C", "kg", "EF-CLOTHING-PRIMARY-GB-2025", note, reason),
                new ProductBaseline("D", "item", "EF-CLOTHING-PRIMARY-GB-2025", note, null),
                new ProductBaseline("E", "kg", "EF-CLOTHING-PRIMARY-GB-2025", null, null),
                new ProductBaseline("F", "kg", null, null, reason),
                new ProductBaseline("F", "kg", null, null, reason)));
        var version = new MethodologyVersion(
                V13.code(),
                "9.9.9",
                V13.title(),
                V13.changelog(),
                V13.effectiveFrom(),
                V13.sources(),
                V13.factors(),
                V13.behaviours(),
                broken);
        assertThat(MethodologyValidation.problems(version))
                .containsExactlyInAnyOrder(
                        "product baseline A cites unknown factor EF-NOWHERE",
                        "product baseline B must have either a factor or the reason it has none",
                        "product baseline C must have either a factor or the reason it has none",
                        "product baseline D uses a factor per kg, not per item",
                        "product baseline E needs a note saying what its typical footprint covers",
                        "duplicate product baseline F");
    }

    private static long grams(String behaviour, String km) {
        return grams(behaviour, km, "km");
    }

    private static long grams(String behaviour, String quantity, String unit) {
        var calculation = Calculator.calculate(
                V13,
                new ActivityInput(
                        behaviour, new BigDecimal(quantity), unit, LocalDate.of(2026, 12, 8), "CN-GD", Map.of()));
        assertThat(calculation).isInstanceOf(Calculation.Credited.class);
        var credited = (Calculation.Credited) calculation;
        assertThat(credited.methodologyVersion()).isEqualTo("1.3.0");
        return credited.reductionGrams();
    }
}
