package org.lowcarbontogether.methodology.web;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Category;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;

/** Filters a version's factors by free text, region, data year and the category of the behaviours that use them. */
final class FactorSearch {

    private FactorSearch() {}

    static List<EmissionFactor> search(
            MethodologyVersion version,
            @Nullable String text,
            @Nullable String region,
            @Nullable Integer year,
            @Nullable Category category) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return version.factors().stream()
                .filter(f -> region == null || region.isBlank() || f.region().equals(region))
                .filter(f -> year == null || f.year() == year)
                .filter(f -> category == null
                        || version.behaviours().stream()
                                .anyMatch(b -> b.category() == category && uses(b, f.activity())))
                .filter(f -> needle.isEmpty() || matches(version, f, needle))
                .toList();
    }

    static boolean uses(Behaviour behaviour, String activity) {
        return behaviour.baselineTerms().stream().anyMatch(t -> t.activity().equals(activity))
                || behaviour.projectTerms().stream().anyMatch(t -> t.activity().equals(activity));
    }

    private static boolean matches(MethodologyVersion version, EmissionFactor f, String needle) {
        String source = version.source(f.sourceId())
                .map(s -> s.publisher() + " " + s.title())
                .orElse("");
        return (f.id() + " " + f.activity() + " " + f.name().en() + " "
                        + f.name().zh() + " " + f.region() + " " + source)
                .toLowerCase(Locale.ROOT)
                .contains(needle);
    }
}
