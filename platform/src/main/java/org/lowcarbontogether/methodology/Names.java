package org.lowcarbontogether.methodology;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.LocalizedText;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Names for the methodology's codes, in the reader's language, for any page ({@code ${@names.behaviour(code,
 * #locale)}}): a behaviour, one of its parameters, a region. The current version wins; older published versions name
 * codes they alone had. An unknown code is shown as it is, never hidden.
 */
@Component("names")
public class Names {

    private final Methodology methodology;
    private final MessageSource messages;

    Names(Methodology methodology, MessageSource messages) {
        this.methodology = methodology;
        this.messages = messages;
    }

    /**
     * A factor's unit with its denominator in words ({@code kg CO2e/vehicle.km} → "kg CO2e/车公里"); a unit the
     * messages do not know is shown as it is.
     */
    public String unit(@Nullable String unit, Locale locale) {
        if (unit == null) {
            return "";
        }
        int slash = unit.lastIndexOf('/');
        String per = slash < 0 ? unit : unit.substring(slash + 1);
        // With a default message, never null.
        String words = Objects.requireNonNull(messages.getMessage("unit." + per, null, per, locale));
        return slash < 0 ? words : unit.substring(0, slash + 1) + words;
    }

    public String behaviour(@Nullable String code, Locale locale) {
        if (code == null) {
            return "";
        }
        return find(code).map(b -> b.name().in(locale)).orElse(code);
    }

    /** A parameter's name as the behaviour's page gives it ({@code occupancy} → "Car occupancy"). */
    public String parameter(@Nullable String behaviourCode, String parameterId, Locale locale) {
        if (behaviourCode == null) {
            return parameterId;
        }
        return find(behaviourCode)
                .flatMap(b -> b.parameters().stream()
                        .filter(p -> p.id().equals(parameterId))
                        .findFirst())
                .map(p -> p.name().in(locale))
                .orElse(parameterId);
    }

    /**
     * A value from a methodology document in words: a text in the reader's language, an enum by its message (a
     * category, an evidence level, a purpose …), a list item by item; anything else as written.
     */
    public String value(@Nullable Object value, Locale locale) {
        if (value == null) {
            return "—";
        }
        if (value instanceof LocalizedText text) {
            return text.in(locale);
        }
        if (value instanceof Collection<?> items) {
            return String.join(
                    LocalizedText.isChinese(locale) ? "、" : ", ",
                    items.stream().map(item -> value(item, locale)).toList());
        }
        if (value instanceof Enum<?> constant) {
            String prefix = switch (constant) {
                case MethodologyVersion.Category c -> "category.";
                case MethodologyVersion.EvidenceLevel e -> "evidence.";
                case MethodologyVersion.Purpose p -> "purpose.";
                case MethodologyVersion.Confidence c -> "confidence.";
                case MethodologyVersion.BaselineMethod b -> "baselineMethod.";
                case MethodologyVersion.GasBasis g -> "gasBasis.";
                default -> "";
            };
            return Objects.requireNonNull(messages.getMessage(prefix + constant.name(), null, constant.name(), locale));
        }
        return value.toString();
    }

    /** A region's name ({@code CN-GRID-SOUTH} → "China Southern grid"); the code itself when it has none. */
    public String region(@Nullable String code, Locale locale) {
        if (code == null) {
            return "";
        }
        return Regions.find(code).map(r -> r.name().in(locale)).orElse(code);
    }

    private Optional<MethodologyVersion.Behaviour> find(String code) {
        var current = methodology.current().behaviour(code);
        if (current.isPresent()) {
            return current;
        }
        return methodology.publishedVersions().stream()
                .map(v -> v.behaviour(code))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
