package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lowcarbontogether.methodology.Calculation.Credited;
import org.lowcarbontogether.methodology.Calculation.NotCredited;
import org.lowcarbontogether.methodology.Calculation.Reason;
import org.lowcarbontogether.methodology.Calculation.Step;
import org.lowcarbontogether.methodology.Calculation.UsedFactor;
import org.lowcarbontogether.methodology.Calculation.UsedParameter;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.methodology.MethodologyVersion.Confidence;
import org.lowcarbontogether.methodology.MethodologyVersion.EmissionFactor;
import org.lowcarbontogether.methodology.MethodologyVersion.Purpose;
import org.lowcarbontogether.methodology.MethodologyVersion.Term;
import org.lowcarbontogether.shared.Decimals;

/**
 * The calculation: a pure function of a methodology version and an activity. No I/O, no clock, no shared state.
 * <p>
 * ER = q × (Σ baseline terms − Σ project terms), each term being the selected factor in grams per unit times its
 * parameters. Arithmetic is exact {@link BigDecimal}, except division by a parameter, which keeps 34 significant
 * digits. Baseline and project emissions are rounded half-even to whole grams; the reduction is rounded down (towards
 * the conservative side) from the exact difference, and a negative difference credits zero with a flag.
 */
public final class Calculator {

    /** Personal consumption is accounted with consumption and life-cycle factors, never carbon-market ones. */
    static final Set<Purpose> PERSONAL_ACCOUNTING = EnumSet.of(Purpose.CONSUMPTION_ACCOUNTING, Purpose.LIFE_CYCLE_ASSESSMENT);

    private static final MathContext DIVISION = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Calculator() {}

    public static Calculation calculate(MethodologyVersion version, ActivityInput input) {
        String code = version.code();
        String ver = version.version();
        Optional<Behaviour> found = version.behaviour(input.behaviour());
        if (found.isEmpty()) {
            return new NotCredited(code, ver, Reason.UNKNOWN_BEHAVIOUR, input.behaviour(), "behaviour");
        }
        Behaviour behaviour = found.get();
        BigDecimal conversion = behaviour.unitConversions().get(input.unit());
        if (conversion == null) {
            return new NotCredited(code, ver, Reason.UNIT_NOT_ACCEPTED, input.unit() + " (accepted: "
                    + String.join(", ", behaviour.acceptedUnits()) + ")", "unit");
        }
        if (input.quantity().signum() <= 0 || !Decimals.bounded(input.quantity())) {
            return new NotCredited(code, ver, Reason.INVALID_QUANTITY, input.quantity().toPlainString(), "quantity");
        }
        if (input.quantity().multiply(conversion).compareTo(behaviour.maxPerDay()) > 0) {
            return new NotCredited(code, ver, Reason.QUANTITY_ABOVE_CAP, behaviour.maxPerDay().toPlainString() + " " + behaviour.unit(),
                    "quantity");
        }
        if (input.region() != null && !Regions.isKnown(input.region())) {
            return new NotCredited(code, ver, Reason.UNKNOWN_REGION, input.region(), "region");
        }

        Map<String, UsedParameter> parameters = new LinkedHashMap<>();
        var atypical = new ArrayList<String>();
        for (var parameter : behaviour.parameters()) {
            BigDecimal given = input.parameters().get(parameter.id());
            if (given != null && (!Decimals.bounded(given) || !parameter.physicallyPossible(given))) {
                return new NotCredited(code, ver, Reason.INVALID_PARAMETER, parameter.id() + " = " + given.toPlainString()
                        + " (" + range(parameter) + ")", "parameters." + parameter.id());
            }
            if (given != null && !parameter.typical(given)) {
                atypical.add(parameter.id());
            }
            BigDecimal value = given == null ? parameter.defaultValue() : given;
            if (value == null) {
                return new NotCredited(code, ver, Reason.MISSING_INPUT, parameter.id(), "parameters." + parameter.id());
            }
            parameters.put(parameter.id(), new UsedParameter(parameter.id(), value, parameter.unit(), given == null));
        }
        for (String given : input.parameters().keySet()) {
            if (!parameters.containsKey(given)) {
                return new NotCredited(code, ver, Reason.INVALID_PARAMETER, given, "parameters." + given);
            }
        }

        BigDecimal quantity = input.quantity().multiply(conversion);
        List<String> chain = Regions.chain(input.region());
        int year = input.occurredOn().getYear();
        var usedFactors = new LinkedHashMap<String, UsedFactor>();
        var flags = new LinkedHashSet<String>();
        var steps = new ArrayList<Step>();
        if (!input.unit().equals(behaviour.unit())) {
            steps.add(new Step("conversion", input.quantity().toPlainString() + " " + input.unit() + " × "
                    + conversion.toPlainString() + " = " + quantity.toPlainString() + " " + behaviour.unit()));
        }

        BigDecimal baselinePerUnit = BigDecimal.ZERO;
        BigDecimal projectPerUnit = BigDecimal.ZERO;
        for (int side = 0; side < 2; side++) {
            List<Term> terms = side == 0 ? behaviour.baselineTerms() : behaviour.projectTerms();
            for (Term term : terms) {
                Optional<Selected> selected = select(version, term.activity(), chain, input.occurredOn());
                if (selected.isEmpty()) {
                    return new NotCredited(code, ver, Reason.NO_FACTOR, term.activity() + " for region "
                            + chain.getFirst() + " and year " + year);
                }
                EmissionFactor factor = selected.get().factor();
                if (selected.get().proxy()) {
                    flags.add(Calculation.Flags.PROXY_REGION);
                }
                usedFactors.putIfAbsent(factor.id(), used(version, factor));
                BigDecimal gramsPerUnit = factor.value().multiply(factor.massUnit().grams());
                StringBuilder expression = new StringBuilder(gramsPerUnit.stripTrailingZeros().toPlainString())
                        .append(" g/").append(factor.perUnit()).append(" [").append(factor.id()).append(']');
                for (String id : term.multipliers()) {
                    BigDecimal value = parameterValue(parameters, id);
                    gramsPerUnit = gramsPerUnit.multiply(value);
                    expression.append(" × ").append(value.toPlainString()).append(" (").append(id).append(')');
                }
                if (term.coefficient() != null) {
                    gramsPerUnit = gramsPerUnit.multiply(term.coefficient());
                    expression.append(" × ").append(term.coefficient().toPlainString());
                }
                for (String id : term.divisors()) {
                    BigDecimal value = parameterValue(parameters, id);
                    gramsPerUnit = gramsPerUnit.divide(value, DIVISION);
                    expression.append(" ÷ ").append(value.toPlainString()).append(" (").append(id).append(')');
                }
                steps.add(new Step(side == 0 ? "baselineFactor" : "projectFactor",
                        expression + " = " + gramsPerUnit.stripTrailingZeros().toPlainString() + " g/" + behaviour.unit()));
                if (side == 0) {
                    baselinePerUnit = baselinePerUnit.add(gramsPerUnit);
                } else {
                    projectPerUnit = projectPerUnit.add(gramsPerUnit);
                }
            }
        }
        if (usedFactors.values().stream().map(UsedFactor::gasBasis).distinct().count() > 1) {
            flags.add(Calculation.Flags.MIXED_GAS_BASIS);
        }
        if (!atypical.isEmpty()) {
            flags.add(Calculation.Flags.ATYPICAL_PARAMETER);
            steps.add(new Step("atypicalParameters", String.join(", ", atypical.stream()
                    .map(id -> id + " = " + parameters.get(id).value().toPlainString() + " (typical "
                            + typicalRange(behaviour.parameter(id).orElseThrow()) + ")").toList())));
        }

        BigDecimal baselineExact = quantity.multiply(baselinePerUnit);
        BigDecimal projectExact = quantity.multiply(projectPerUnit);
        BigDecimal reductionExact = baselineExact.subtract(projectExact);
        long baselineGrams = baselineExact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long projectGrams = projectExact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long reductionGrams = reductionExact.setScale(0, RoundingMode.FLOOR).longValueExact();
        String unit = behaviour.unit();
        steps.add(new Step("baseline", plain(quantity) + " " + unit + " × " + plain(baselinePerUnit) + " g/" + unit
                + " = " + plain(baselineExact) + " g ≈ " + baselineGrams + " g"));
        steps.add(new Step("project", plain(quantity) + " " + unit + " × " + plain(projectPerUnit) + " g/" + unit
                + " = " + plain(projectExact) + " g ≈ " + projectGrams + " g"));
        if (reductionGrams < 0) {
            flags.add(Calculation.Flags.NO_NET_REDUCTION);
            reductionGrams = 0;
        }
        steps.add(new Step("reduction", plain(baselineExact) + " g − " + plain(projectExact) + " g = "
                + plain(reductionExact) + " g, rounded down to " + reductionGrams + " g"));
        Long ceiling = behaviour.maxGramsPerRecord();
        if (ceiling != null && reductionGrams > ceiling) {
            steps.add(new Step("ceiling", reductionGrams + " g is above the behaviour's ceiling of " + ceiling
                    + " g per record; credited at most " + ceiling + " g"));
            flags.add(Calculation.Flags.CEILING_APPLIED);
            reductionGrams = ceiling;
        }

        BigDecimal uncertainty = behaviour.uncertaintyPercent().divide(HUNDRED, DIVISION);
        BigDecimal reduction = BigDecimal.valueOf(reductionGrams);
        long low = reduction.multiply(BigDecimal.ONE.subtract(uncertainty)).setScale(0, RoundingMode.FLOOR).max(BigDecimal.ZERO).longValueExact();
        long high = reduction.multiply(BigDecimal.ONE.add(uncertainty)).setScale(0, RoundingMode.FLOOR).longValueExact();
        steps.add(new Step("uncertainty", reductionGrams + " g ± " + plain(behaviour.uncertaintyPercent()) + "% = "
                + low + " … " + high + " g"));

        return new Credited(code, ver, behaviour.code(), behaviour.category().name(), input.quantity(), input.unit(),
                input.region(), behaviour.formula(), baselineGrams, projectGrams, reductionGrams, low, high,
                List.copyOf(usedFactors.values()), List.copyOf(parameters.values()), List.copyOf(steps), List.copyOf(flags));
    }

    private record Selected(EmissionFactor factor, boolean proxy) {}

    /**
     * The factor for an activity: the most specific region in the chain that has one, and within it the latest year
     * not after the activity; higher confidence wins a tie. With none in the chain, a factor marked as a documented
     * proxy from another region stands in, flagged.
     */
    static Optional<Selected> select(MethodologyVersion version, String activity, List<String> chain, LocalDate day) {
        int year = day.getYear();
        List<EmissionFactor> candidates = version.factorsOf(activity).stream()
                .filter(f -> PERSONAL_ACCOUNTING.contains(f.purpose()))
                .filter(f -> f.year() <= year)
                .filter(f -> f.validOn(day))
                .toList();
        Comparator<EmissionFactor> preference = Comparator.comparingInt(EmissionFactor::year)
                .thenComparing(EmissionFactor::confidence, Comparator.comparing(Confidence::ordinal).reversed());
        for (String region : chain) {
            Optional<EmissionFactor> best = candidates.stream().filter(f -> f.region().equals(region)).max(preference);
            if (best.isPresent()) {
                return Optional.of(new Selected(best.get(), false));
            }
        }
        return candidates.stream().filter(EmissionFactor::proxy).max(preference).map(f -> new Selected(f, true));
    }

    private static String range(MethodologyVersion.Parameter parameter) {
        return "allowed " + (parameter.min() == null ? "> 0" : plain(parameter.min())) + " … "
                + (parameter.max() == null ? "" : plain(parameter.max())) + " " + parameter.unit();
    }

    private static String typicalRange(MethodologyVersion.Parameter parameter) {
        return (parameter.typicalMin() == null ? "" : plain(parameter.typicalMin())) + " … "
                + (parameter.typicalMax() == null ? "" : plain(parameter.typicalMax())) + " " + parameter.unit();
    }

    private static BigDecimal parameterValue(Map<String, UsedParameter> parameters, String id) {
        UsedParameter parameter = parameters.get(id);
        if (parameter == null) {
            throw new IllegalStateException("Methodology refers to undeclared parameter " + id);
        }
        return parameter.value();
    }

    private static UsedFactor used(MethodologyVersion version, EmissionFactor factor) {
        var source = version.source(factor.sourceId())
                .orElseThrow(() -> new IllegalStateException("Factor " + factor.id() + " cites unknown source " + factor.sourceId()));
        return new UsedFactor(factor.id(), factor.activity(), factor.value(), factor.unit(), factor.gasBasis().name(),
                factor.region(), factor.year(), factor.purpose().name(), factor.confidence().name(), factor.proxy(),
                source.id(), source.publisher() + ", " + source.title(), source.url(), factor.sourceLocator());
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() > 6 ? stripped.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros() : stripped).toPlainString();
    }
}
