package org.lowcarbontogether.grants.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.lowcarbontogether.reporting.PotentialModels;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The potential models as the PDF and the bundle's tables show them: the version, inputs, scenarios and sensitivity. */
@Component
class PotentialModelLines {

    private final MessageSource messages;

    PotentialModelLines(MessageSource messages) {
        this.messages = messages;
    }

    /** The version, the inputs, each model's formula, parameters with their sources, and a sensitivity line each. */
    List<String> paragraphs(PotentialModels.Comparison m, Locale locale) {
        var lines = new ArrayList<String>();
        lines.add(text("potential.version", locale, m.version(), m.versionPublished()));
        lines.add(text(
                "potential.inputs",
                locale,
                m.inputs().platformHits(),
                m.inputs().offPlatformReach()));
        for (var r : m.results()) {
            lines.add(text("potential.model." + r.model(), locale) + ": "
                    + text("potential.formula." + r.model(), locale));
            for (var v : r.parameters()) {
                lines.add(text("potential.param." + v.key(), locale)
                        + ": "
                        + text(
                                "potential.values",
                                locale,
                                v.low().toPlainString(),
                                v.central().toPlainString(),
                                v.high().toPlainString(),
                                text("potential.unit." + v.key(), locale))
                        + " ("
                        + text("potential.basis." + v.basis(), locale)
                        + ") — "
                        + Objects.requireNonNull(messages.getMessage(
                                "potential.source." + m.version() + "." + v.key(), null, v.source(), locale)));
            }
            for (var s : r.sensitivity()) {
                lines.add(text(
                        "potential.sensitivity",
                        locale,
                        text("potential.param." + s.parameter(), locale),
                        tonnes(s.atLow()),
                        tonnes(s.atHigh()),
                        tonnes(r.central())));
            }
        }
        lines.add(text("potential.unit", locale));
        lines.add(text("potential.notDirect", locale));
        return lines;
    }

    /** The scenario table: one row per model, low / central / high in tonnes a year. */
    List<List<String>> table(PotentialModels.Comparison m, Locale locale) {
        var table = new ArrayList<List<String>>();
        table.add(List.of(
                text("potential.model", locale),
                text("potential.low", locale),
                text("potential.central", locale),
                text("potential.high", locale)));
        for (var r : m.results()) {
            table.add(List.of(
                    text("potential.model." + r.model(), locale),
                    tonnes(r.low()),
                    tonnes(r.central()),
                    tonnes(r.high())));
        }
        return table;
    }

    static String tonnes(long grams) {
        return CarbonQuantity.ofGrams(grams).tonnesText(1);
    }

    private String text(String key, Locale locale, Object... args) {
        return Objects.requireNonNull(messages.getMessage(key, args, key, locale));
    }
}
