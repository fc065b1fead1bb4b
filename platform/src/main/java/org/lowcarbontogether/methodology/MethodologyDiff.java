package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.methodology.MethodologyVersion.ProductBaseline;
import org.lowcarbontogether.methodology.MethodologyVersion.Source;
import org.lowcarbontogether.shared.LocalizedText;

/**
 * What changed between two versions: behaviours, factors, sources and product category baselines added, removed or
 * changed, field by field.
 */
public record MethodologyDiff(
        String from,
        String to,
        List<Change> behaviours,
        List<Change> factors,
        List<Change> sources,
        List<Change> productBaselines) {

    /** One added, removed or changed item, with the fields that differ. */
    public record Change(String id, Kind kind, List<FieldChange> fields) {}

    /** A field that changed: its values as they were and are (texts in both languages, enums, numbers, lists). */
    public record FieldChange(
            String field, @Nullable Object before, @Nullable Object after) {}

    public enum Kind {
        ADDED,
        REMOVED,
        CHANGED
    }

    public boolean isEmpty() {
        return behaviours.isEmpty() && factors.isEmpty() && sources.isEmpty() && productBaselines.isEmpty();
    }

    public static MethodologyDiff between(MethodologyVersion from, MethodologyVersion to) {
        return new MethodologyDiff(
                from.version(),
                to.version(),
                compare(from.behaviours(), to.behaviours(), Behaviour::code, MethodologyDiff::behaviourFields),
                compare(from.factors(), to.factors(), EmissionFactor::id, MethodologyDiff::factorFields),
                compare(from.sources(), to.sources(), Source::id, MethodologyDiff::sourceFields),
                compare(
                        baselines(from),
                        baselines(to),
                        ProductBaseline::category,
                        MethodologyDiff::productBaselineFields));
    }

    private static List<ProductBaseline> baselines(MethodologyVersion version) {
        return version.productBaselines() == null ? List.of() : version.productBaselines();
    }

    private static <T> List<Change> compare(
            List<T> before, List<T> after, Function<T, String> id, Function<T, Map<String, @Nullable Object>> fields) {
        Map<String, T> old = before.stream().collect(Collectors.toMap(id, Function.identity()));
        Map<String, T> now = after.stream().collect(Collectors.toMap(id, Function.identity()));
        var changes = new ArrayList<Change>();
        for (T item : after) {
            T previous = old.get(id.apply(item));
            if (previous == null) {
                changes.add(new Change(id.apply(item), Kind.ADDED, List.of()));
            } else if (!previous.equals(item)) {
                var a = fields.apply(previous);
                var b = fields.apply(item);
                var differing = new ArrayList<FieldChange>();
                for (var field : b.keySet()) {
                    if (!Objects.equals(text(a.get(field)), text(b.get(field)))) {
                        differing.add(new FieldChange(field, shown(a.get(field)), shown(b.get(field))));
                    }
                }
                changes.add(new Change(id.apply(item), Kind.CHANGED, differing));
            }
        }
        for (T item : before) {
            if (!now.containsKey(id.apply(item))) {
                changes.add(new Change(id.apply(item), Kind.REMOVED, List.of()));
            }
        }
        return changes;
    }

    /** A value as the page shows it: texts in both languages and enums kept for the reader's language. */
    private static @Nullable Object shown(@Nullable Object value) {
        return value instanceof LocalizedText || value instanceof Enum<?> || value instanceof List<?>
                ? value
                : text(value);
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
    }

    private static Map<String, @Nullable Object> behaviourFields(Behaviour b) {
        var fields = new LinkedHashMap<String, @Nullable Object>();
        fields.put("category", b.category());
        fields.put("name", b.name());
        fields.put("description", b.description());
        fields.put("baseline", b.baseline());
        fields.put("alternative", b.alternative());
        fields.put("formula", b.formula());
        fields.put("unit", b.unit());
        fields.put("unitConversions", b.unitConversions());
        fields.put(
                "parameters",
                b.parameters().stream()
                        .map(p -> p.id() + "=" + text(p.defaultValue()) + " " + p.unit()
                                + " [" + text(p.min()) + "…" + text(p.max()) + "; " + text(p.typicalMin()) + "…"
                                + text(p.typicalMax()) + "]"
                                + (Boolean.FALSE.equals(p.declarable()) ? " *" : ""))
                        .toList());
        fields.put("baselineTerms", b.baselineTerms());
        fields.put("projectTerms", b.projectTerms());
        fields.put("evidence", b.evidence());
        fields.put("maxPerDay", b.maxPerDay());
        fields.put("uncertaintyPercent", b.uncertaintyPercent());
        fields.put("baselineMethod", b.baselineMethod());
        fields.put("maxGramsPerRecord", b.maxGramsPerRecord());
        fields.put("maxGramsPerDay", b.maxGramsPerDay());
        fields.put("note", b.note());
        return fields;
    }

    private static Map<String, @Nullable Object> factorFields(EmissionFactor f) {
        var fields = new LinkedHashMap<String, @Nullable Object>();
        fields.put("activity", f.activity());
        fields.put("name", f.name());
        fields.put("value", f.value());
        fields.put("unit", f.unit());
        fields.put("gasBasis", f.gasBasis());
        fields.put("region", f.region());
        fields.put("year", f.year());
        fields.put("purpose", f.purpose());
        fields.put("source", f.sourceId() + (f.sourceLocator() == null ? "" : " " + f.sourceLocator()));
        fields.put("confidence", f.confidence());
        fields.put("proxy", f.proxy());
        fields.put("derivation", f.derivation());
        fields.put("note", f.note());
        fields.put("validity", f.validFrom() + " … " + f.validTo());
        return fields;
    }

    private static Map<String, @Nullable Object> productBaselineFields(ProductBaseline b) {
        var fields = new LinkedHashMap<String, @Nullable Object>();
        fields.put("functionalUnit", b.functionalUnit());
        fields.put("factor", b.factorId());
        fields.put("note", b.note());
        fields.put("unsupportedReason", b.unsupportedReason());
        return fields;
    }

    private static Map<String, @Nullable Object> sourceFields(Source s) {
        var fields = new LinkedHashMap<String, @Nullable Object>();
        fields.put("publisher", s.publisher());
        fields.put("title", s.title());
        fields.put("url", s.url());
        fields.put("year", s.year());
        fields.put("secondary", s.secondary());
        fields.put("primaryCitation", s.primaryCitation());
        fields.put("note", s.note());
        return fields;
    }
}
