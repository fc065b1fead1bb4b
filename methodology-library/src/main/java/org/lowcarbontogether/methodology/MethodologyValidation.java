package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.NullMarked;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Term;

/** Checks a version is complete before it is published: every factor cited, every reference resolvable. */
@NullMarked
public final class MethodologyValidation {

    private MethodologyValidation() {}

    public static void check(MethodologyVersion version) {
        List<String> problems = problems(version);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "Methodology " + version.version() + " is incomplete: " + String.join("; ", problems));
        }
    }

    public static List<String> problems(MethodologyVersion version) {
        var problems = new ArrayList<String>();
        Set<String> sourceIds = new HashSet<>();
        version.sources().forEach(s -> sourceIds.add(s.id()));
        // A source's address becomes a link on public pages: only web addresses, never javascript: or data:.
        version.sources().stream()
                .filter(s -> s.url() != null && !s.url().isBlank() && !s.url().matches("(?i)https?://[^\\s\"<>]+"))
                .forEach(s -> problems.add("source " + s.id() + " has an address that is not http(s): " + s.url()));
        Set<String> factorIds = new HashSet<>();
        for (var factor : version.factors()) {
            if (!factorIds.add(factor.id())) {
                problems.add("duplicate factor " + factor.id());
            }
            if (!sourceIds.contains(factor.sourceId())) {
                problems.add("factor " + factor.id() + " cites unknown source " + factor.sourceId());
            }
            if (factor.confidence() == MethodologyVersion.Confidence.HIGH
                    && version.source(factor.sourceId())
                            .map(MethodologyVersion.Source::readThroughReport)
                            .orElse(false)) {
                problems.add("factor " + factor.id() + " is rated HIGH but its source was read through a report");
            }
            if (factor.value().signum() < 0) {
                problems.add("factor " + factor.id() + " is negative");
            }
            if (!Regions.isKnown(factor.region())) {
                problems.add("factor " + factor.id() + " has unknown region " + factor.region());
            }
        }
        Set<String> behaviourCodes = new HashSet<>();
        for (Behaviour behaviour : version.behaviours()) {
            if (!behaviourCodes.add(behaviour.code())) {
                problems.add("duplicate behaviour " + behaviour.code());
            }
            BigDecimal base = behaviour.unitConversions().get(behaviour.unit());
            if (base == null || base.compareTo(BigDecimal.ONE) != 0) {
                problems.add(
                        "behaviour " + behaviour.code() + " lacks the conversion 1 for its unit " + behaviour.unit());
            }
            if (behaviour.baselineTerms().isEmpty()) {
                problems.add("behaviour " + behaviour.code() + " has no baseline");
            }
            if (behaviour.evidence().isEmpty()) {
                problems.add("behaviour " + behaviour.code() + " accepts no evidence level");
            }
            var terms = new ArrayList<Term>(behaviour.baselineTerms());
            terms.addAll(behaviour.projectTerms());
            for (Term term : terms) {
                boolean usable = version.factorsOf(term.activity()).stream()
                        .anyMatch(f -> Calculator.PERSONAL_ACCOUNTING.contains(f.purpose()));
                if (!usable) {
                    problems.add("behaviour " + behaviour.code() + " uses " + term.activity()
                            + ", which has no consumption factor");
                }
                for (String parameter : concat(term.multipliers(), term.divisors())) {
                    if (behaviour.parameter(parameter).isEmpty()) {
                        problems.add("behaviour " + behaviour.code() + " uses undeclared parameter " + parameter);
                    }
                }
            }
            if (behaviour.maxGramsPerRecord() != null && behaviour.maxGramsPerRecord() <= 0
                    || behaviour.maxGramsPerDay() != null && behaviour.maxGramsPerDay() <= 0) {
                problems.add("behaviour " + behaviour.code() + " has a ceiling that is not positive");
            }
            for (var parameter : behaviour.parameters()) {
                String name = "parameter " + behaviour.code() + "." + parameter.id();
                if (parameter.defaultValue() != null && !parameter.physicallyPossible(parameter.defaultValue())) {
                    problems.add(name + " must have a default within its physical range");
                }
                if (parameter.min() != null
                        && parameter.max() != null
                        && parameter.min().compareTo(parameter.max()) > 0) {
                    problems.add(name + " has a minimum above its maximum");
                }
                if (parameter.typicalMin() != null
                        && parameter.typicalMax() != null
                        && parameter.typicalMin().compareTo(parameter.typicalMax()) > 0) {
                    problems.add(name + " has a typical minimum above its typical maximum");
                }
                if (parameter.sourceId() != null && !sourceIds.contains(parameter.sourceId())) {
                    problems.add("parameter " + behaviour.code() + "." + parameter.id() + " cites unknown source");
                }
            }
        }
        productBaselineProblems(version, problems);
        return problems;
    }

    /**
     * Each product category once, with either a baseline factor — one the version has, per the category's functional
     * unit, for personal accounting — and a note, or the reason it has none (texts are always in both languages).
     */
    private static void productBaselineProblems(MethodologyVersion version, List<String> problems) {
        if (version.productBaselines() == null) {
            return;
        }
        Set<String> categories = new HashSet<>();
        for (var baseline : version.productBaselines()) {
            String name = "product baseline " + baseline.category();
            if (!categories.add(baseline.category())) {
                problems.add("duplicate " + name);
            }
            if (baseline.functionalUnit().isBlank()) {
                problems.add(name + " has no functional unit");
            }
            if ((baseline.factorId() == null) == (baseline.unsupportedReason() == null)) {
                problems.add(name + " must have either a factor or the reason it has none");
            }
            if (baseline.factorId() != null) {
                if (baseline.note() == null) {
                    problems.add(name + " needs a note saying what its typical footprint covers");
                }
                var factor = version.factor(baseline.factorId());
                if (factor.isEmpty()) {
                    problems.add(name + " cites unknown factor " + baseline.factorId());
                } else if (!factor.get().perUnit().equals(baseline.functionalUnit())) {
                    problems.add(name + " uses a factor per " + factor.get().perUnit() + ", not per "
                            + baseline.functionalUnit());
                } else if (!Calculator.PERSONAL_ACCOUNTING.contains(factor.get().purpose())) {
                    problems.add(name + " uses a factor that is not for consumption accounting");
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new ArrayList<String>(a);
        all.addAll(b);
        return all;
    }
}
