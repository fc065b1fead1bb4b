package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of the library's README.md, word for word between the markers, so it keeps compiling and working. */
class ReadmeExampleTests {

    static List<String> example() {
        var out = new ArrayList<String>();
        // README example: begin
        LocalDate day = LocalDate.of(2026, 12, 7);
        MethodologyVersion version = LowCarbonMethodology.inEffectOn(day).orElseThrow(); // LCT 1.3.0
        var activity = new ActivityInput(
                "CYCLE_INSTEAD_OF_CAR",
                new BigDecimal("12.5"),
                "km",
                day,
                "CN-SH",
                Map.of("occupancy", BigDecimal.ONE));

        Calculation result = Calculator.calculate(version, activity);
        if (result instanceof Calculation.Credited credited) {
            out.add(credited.reductionGrams() + " g CO2e (" + credited.lowGrams() + "–" + credited.highGrams()
                    + " g) under " + credited.methodologyCode() + " " + credited.methodologyVersion());
            for (Calculation.UsedFactor factor : credited.factors()) {
                out.add(factor.id() + ": " + factor.value() + " " + factor.unit() + ", " + factor.source() + " "
                        + factor.sourceUrl());
            }
            for (Calculation.Step step : credited.steps()) {
                out.add(step.label() + ": " + step.expression());
            }
            out.add("flags: " + credited.flags());
        } else if (result instanceof Calculation.NotCredited notCredited) {
            out.add("no credit: " + notCredited.reason() + " " + notCredited.detail() + " (" + notCredited.field()
                    + ")");
        }
        // README example: end
        return out;
    }

    @Test
    void theExampleCreditsACycledTripWithItsProvenance() {
        List<String> lines = example();
        lines.forEach(System.out::println);

        var credited = (Calculation.Credited) Calculator.calculate(
                LowCarbonMethodology.version("1.3.0").orElseThrow(),
                new ActivityInput(
                        "CYCLE_INSTEAD_OF_CAR",
                        new BigDecimal("12.5"),
                        "km",
                        LocalDate.of(2026, 12, 7),
                        "CN-SH",
                        Map.of("occupancy", BigDecimal.ONE)));
        assertThat(credited.reductionGrams()).isPositive();
        assertThat(lines.getFirst())
                .startsWith(credited.reductionGrams() + " g CO2e")
                .endsWith("under LCT 1.3.0");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("reduction: "));
    }
}
