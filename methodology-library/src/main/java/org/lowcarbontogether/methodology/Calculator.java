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
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
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
@NullMarked
public final class Calculator {

    /** Personal consumption is accounted with consumption and life-cycle factors, never carbon-market ones. */
    public static final Set<Purpose> PERSONAL_ACCOUNTING =
            EnumSet.of(Purpose.CONSUMPTION_ACCOUNTING, Purpose.LIFE_CYCLE_ASSESSMENT);

    private static final MathContext DIVISION = MathContext.DECIMAL128;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Calculator() {}

    /** The activity's inputs checked in turn (the first failure is the answer), then its reduction worked out. */
    public static Calculation calculate(MethodologyVersion version, ActivityInput input) {
        try {
            Behaviour behaviour = behaviour(version, input);
            BigDecimal conversion = conversion(behaviour, input);
            checkQuantity(behaviour, input, conversion);
            checkRegion(input);
            Parameters parameters = parameters(behaviour, input);
            return new Working(version, input, behaviour, parameters).credit(conversion);
        } catch (NoCredit no) {
            return new NotCredited(version.code(), version.version(), no.reason, no.detail, no.field);
        }
    }

    private static Behaviour behaviour(MethodologyVersion version, ActivityInput input) throws NoCredit {
        return version.behaviour(input.behaviour())
                .orElseThrow(() -> new NoCredit(Reason.UNKNOWN_BEHAVIOUR, input.behaviour(), "behaviour"));
    }

    /** The factor from the given unit to the behaviour's own. */
    private static BigDecimal conversion(Behaviour behaviour, ActivityInput input) throws NoCredit {
        BigDecimal conversion = behaviour.unitConversions().get(input.unit());
        if (conversion == null) {
            throw new NoCredit(
                    Reason.UNIT_NOT_ACCEPTED,
                    input.unit() + " (accepted: " + String.join(", ", behaviour.acceptedUnits()) + ")",
                    "unit");
        }
        return conversion;
    }

    private static void checkQuantity(Behaviour behaviour, ActivityInput input, BigDecimal conversion) throws NoCredit {
        if (input.quantity().signum() <= 0 || !Decimals.bounded(input.quantity())) {
            throw new NoCredit(Reason.INVALID_QUANTITY, input.quantity().toPlainString(), "quantity");
        }
        if (input.quantity().multiply(conversion).compareTo(behaviour.maxPerDay()) > 0) {
            throw new NoCredit(
                    Reason.QUANTITY_ABOVE_CAP,
                    behaviour.maxPerDay().toPlainString() + " " + behaviour.unit(),
                    "quantity");
        }
    }

    private static void checkRegion(ActivityInput input) throws NoCredit {
        if (input.region() != null && !Regions.isKnown(input.region())) {
            throw new NoCredit(Reason.UNKNOWN_REGION, input.region(), "region");
        }
    }

    /** The behaviour's parameters as used (given or defaulted, in the methodology's order) and the given ones that are atypical. */
    private record Parameters(Map<String, UsedParameter> used, List<String> atypical) {

        BigDecimal value(String id) {
            UsedParameter parameter = used.get(id);
            if (parameter == null) {
                throw new IllegalStateException("Methodology refers to undeclared parameter " + id);
            }
            return parameter.value();
        }
    }

    /**
     * Each parameter given or defaulted: a given value must be physically possible, one without a default must be given,
     * and no value may be given for a parameter the behaviour does not have.
     */
    private static Parameters parameters(Behaviour behaviour, ActivityInput input) throws NoCredit {
        Map<String, UsedParameter> used = new LinkedHashMap<>();
        var atypical = new ArrayList<String>();
        for (var parameter : behaviour.parameters()) {
            BigDecimal given = input.parameters().get(parameter.id());
            if (given != null && (!Decimals.bounded(given) || !parameter.physicallyPossible(given))) {
                throw new NoCredit(
                        Reason.INVALID_PARAMETER,
                        parameter.id() + " = " + given.toPlainString() + " (" + range(parameter) + ")",
                        "parameters." + parameter.id());
            }
            if (given != null && !parameter.typical(given)) {
                atypical.add(parameter.id());
            }
            BigDecimal value = given == null ? parameter.defaultValue() : given;
            if (value == null) {
                throw new NoCredit(Reason.MISSING_INPUT, parameter.id(), "parameters." + parameter.id());
            }
            used.put(parameter.id(), new UsedParameter(parameter.id(), value, parameter.unit(), given == null));
        }
        for (String given : input.parameters().keySet()) {
            if (!used.containsKey(given)) {
                throw new NoCredit(Reason.INVALID_PARAMETER, given, "parameters." + given);
            }
        }
        return new Parameters(used, atypical);
    }

    /** Why an activity earns no credit; thrown by the checks and caught once, in {@link #calculate}. */
    private static final class NoCredit extends Exception {

        final Reason reason;
        final String detail;
        final @Nullable String field;

        NoCredit(Reason reason, String detail, @Nullable String field) {
            super(reason.name(), null, false, false); // control flow, not an error: no stack trace
            this.reason = reason;
            this.detail = detail;
            this.field = field;
        }
    }

    /** One side's emissions over the whole quantity: exact, and rounded half-even to whole grams. */
    private record Emissions(BigDecimal exact, long grams) {}

    /** The range a reduction may lie in, given the behaviour's uncertainty. */
    private record Range(long low, long high) {}

    /**
     * A checked activity on its way to a credit. It gathers the provenance — factors, flags and steps — in the order
     * the methodology takes them, which is the order the credit shows them.
     */
    private static final class Working {

        private final MethodologyVersion version;
        private final ActivityInput input;
        private final Behaviour behaviour;
        private final Parameters parameters;
        private final List<String> chain;
        private final Map<String, UsedFactor> factors = new LinkedHashMap<>();
        private final Set<String> flags = new LinkedHashSet<>();
        private final List<Step> steps = new ArrayList<>();

        Working(MethodologyVersion version, ActivityInput input, Behaviour behaviour, Parameters parameters) {
            this.version = version;
            this.input = input;
            this.behaviour = behaviour;
            this.parameters = parameters;
            this.chain = Regions.chain(input.region());
        }

        /** ER = q × (Σ baseline terms − Σ project terms), rounded down, within the ceiling, with its uncertainty range. */
        Credited credit(BigDecimal conversion) throws NoCredit {
            BigDecimal quantity = input.quantity().multiply(conversion);
            if (!input.unit().equals(behaviour.unit())) {
                steps.add(new Step(
                        "conversion",
                        input.quantity().toPlainString() + " " + input.unit() + " × " + conversion.toPlainString()
                                + " = " + quantity.toPlainString() + " " + behaviour.unit()));
            }
            BigDecimal baselinePerUnit = perUnit(behaviour.baselineTerms(), "baselineFactor");
            BigDecimal projectPerUnit = perUnit(behaviour.projectTerms(), "projectFactor");
            flagMixedGasBasis();
            flagAtypicalParameters();

            Emissions baseline = emissions("baseline", quantity, baselinePerUnit);
            Emissions project = emissions("project", quantity, projectPerUnit);
            long reductionGrams = withinCeiling(reduction(baseline, project));
            Range range = uncertaintyRange(reductionGrams);

            return new Credited(
                    version.code(),
                    version.version(),
                    behaviour.code(),
                    behaviour.category().name(),
                    input.quantity(),
                    input.unit(),
                    input.region(),
                    behaviour.formula(),
                    baseline.grams(),
                    project.grams(),
                    reductionGrams,
                    range.low(),
                    range.high(),
                    List.copyOf(factors.values()),
                    List.copyOf(parameters.used().values()),
                    List.copyOf(steps),
                    List.copyOf(flags));
        }

        /** One side's emissions per unit of the behaviour (baseline or project): the sum of its terms. */
        private BigDecimal perUnit(List<Term> terms, String label) throws NoCredit {
            BigDecimal sum = BigDecimal.ZERO;
            for (Term term : terms) {
                sum = sum.add(term(term, label));
            }
            return sum;
        }

        /** A term: its factor in grams per unit, times its multipliers and coefficient, divided by its divisors. */
        private BigDecimal term(Term term, String label) throws NoCredit {
            EmissionFactor factor = factor(term.activity());
            BigDecimal gramsPerUnit = factor.value().multiply(factor.massUnit().grams());
            StringBuilder expression = new StringBuilder(
                            gramsPerUnit.stripTrailingZeros().toPlainString())
                    .append(" g/")
                    .append(factor.perUnit())
                    .append(" [")
                    .append(factor.id())
                    .append(']');
            for (String id : term.multipliers()) {
                BigDecimal value = parameters.value(id);
                gramsPerUnit = gramsPerUnit.multiply(value);
                expression
                        .append(" × ")
                        .append(value.toPlainString())
                        .append(" (")
                        .append(id)
                        .append(')');
            }
            if (term.coefficient() != null) {
                gramsPerUnit = gramsPerUnit.multiply(term.coefficient());
                expression.append(" × ").append(term.coefficient().toPlainString());
            }
            for (String id : term.divisors()) {
                BigDecimal value = parameters.value(id);
                gramsPerUnit = gramsPerUnit.divide(value, DIVISION);
                expression
                        .append(" ÷ ")
                        .append(value.toPlainString())
                        .append(" (")
                        .append(id)
                        .append(')');
            }
            steps.add(new Step(
                    label,
                    expression + " = " + gramsPerUnit.stripTrailingZeros().toPlainString() + " g/" + behaviour.unit()));
            return gramsPerUnit;
        }

        /** The factor selected for an activity, noted among the factors used; a stand-in from another region is flagged. */
        private EmissionFactor factor(String activity) throws NoCredit {
            Selected selected = select(version, activity, chain, input.occurredOn())
                    .orElseThrow(() -> new NoCredit(
                            Reason.NO_FACTOR,
                            activity + " for region " + chain.getFirst() + " and year "
                                    + input.occurredOn().getYear(),
                            null));
            if (selected.proxy()) {
                flags.add(Calculation.Flags.PROXY_REGION);
            }
            factors.putIfAbsent(selected.factor().id(), used(version, selected.factor()));
            return selected.factor();
        }

        private void flagMixedGasBasis() {
            if (factors.values().stream().map(UsedFactor::gasBasis).distinct().count() > 1) {
                flags.add(Calculation.Flags.MIXED_GAS_BASIS);
            }
        }

        private void flagAtypicalParameters() {
            if (!parameters.atypical().isEmpty()) {
                flags.add(Calculation.Flags.ATYPICAL_PARAMETER);
                steps.add(new Step(
                        "atypicalParameters",
                        String.join(
                                ", ",
                                parameters.atypical().stream()
                                        .map(id -> id + " = "
                                                + parameters.value(id).toPlainString() + " (typical "
                                                + typicalRange(
                                                        behaviour.parameter(id).orElseThrow()) + ")")
                                        .toList())));
            }
        }

        private Emissions emissions(String label, BigDecimal quantity, BigDecimal perUnit) {
            BigDecimal exact = quantity.multiply(perUnit);
            long grams = exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            String unit = behaviour.unit();
            steps.add(new Step(
                    label,
                    plain(quantity) + " " + unit + " × " + plain(perUnit) + " g/" + unit + " = " + plain(exact)
                            + " g ≈ " + grams + " g"));
            return new Emissions(exact, grams);
        }

        /** Rounded down from the exact difference, the conservative side; a negative one credits zero, flagged. */
        private long reduction(Emissions baseline, Emissions project) {
            BigDecimal exact = baseline.exact().subtract(project.exact());
            long grams = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
            if (grams < 0) {
                flags.add(Calculation.Flags.NO_NET_REDUCTION);
                grams = 0;
            }
            steps.add(new Step(
                    "reduction",
                    plain(baseline.exact()) + " g − " + plain(project.exact()) + " g = " + plain(exact)
                            + " g, rounded down to " + grams + " g"));
            return grams;
        }

        /** A behaviour may cap what one record credits. */
        private long withinCeiling(long reductionGrams) {
            Long ceiling = behaviour.maxGramsPerRecord();
            if (ceiling == null || reductionGrams <= ceiling) {
                return reductionGrams;
            }
            steps.add(new Step(
                    "ceiling",
                    reductionGrams + " g is above the behaviour's ceiling of " + ceiling
                            + " g per record; credited at most " + ceiling + " g"));
            flags.add(Calculation.Flags.CEILING_APPLIED);
            return ceiling;
        }

        /** The behaviour's uncertainty around the reduction, each end rounded down and the low one not below zero. */
        private Range uncertaintyRange(long reductionGrams) {
            BigDecimal uncertainty = behaviour.uncertaintyPercent().divide(HUNDRED, DIVISION);
            BigDecimal reduction = BigDecimal.valueOf(reductionGrams);
            long low = reduction
                    .multiply(BigDecimal.ONE.subtract(uncertainty))
                    .setScale(0, RoundingMode.FLOOR)
                    .max(BigDecimal.ZERO)
                    .longValueExact();
            long high = reduction
                    .multiply(BigDecimal.ONE.add(uncertainty))
                    .setScale(0, RoundingMode.FLOOR)
                    .longValueExact();
            steps.add(new Step(
                    "uncertainty",
                    reductionGrams + " g ± " + plain(behaviour.uncertaintyPercent()) + "% = " + low + " … " + high
                            + " g"));
            return new Range(low, high);
        }
    }

    private record Selected(EmissionFactor factor, boolean proxy) {}

    /**
     * The factor the calculation uses for an activity (for example {@code electricity.grid_average}) in a region (China
     * when {@code null}) on a day: see {@link #select}. Empty when the version has none for that day.
     */
    public static Optional<EmissionFactor> factorFor(
            MethodologyVersion version, String activity, @Nullable String region, LocalDate day) {
        return select(version, activity, Regions.chain(region), day).map(Selected::factor);
    }

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
                .thenComparing(
                        EmissionFactor::confidence,
                        Comparator.comparing(Confidence::ordinal).reversed());
        for (String region : chain) {
            Optional<EmissionFactor> best =
                    candidates.stream().filter(f -> f.region().equals(region)).max(preference);
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

    private static UsedFactor used(MethodologyVersion version, EmissionFactor factor) {
        var source = version.source(factor.sourceId())
                .orElseThrow(() -> new IllegalStateException(
                        "Factor " + factor.id() + " cites unknown source " + factor.sourceId()));
        return new UsedFactor(
                factor.id(),
                factor.activity(),
                factor.value(),
                factor.unit(),
                factor.gasBasis().name(),
                factor.region(),
                factor.year(),
                factor.purpose().name(),
                factor.confidence().name(),
                factor.proxy(),
                source.id(),
                source.publisher() + ", " + source.title(),
                source.url(),
                factor.sourceLocator());
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() > 6
                        ? stripped.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros()
                        : stripped)
                .toPlainString();
    }
}
