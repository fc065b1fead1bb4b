package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyVersion.Behaviour;
import org.lowcarbontogether.shared.Decimals;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The methodology's bounds on an activity as a person, organiser or partner gives it, checked before any arithmetic:
 * the behaviour exists, the quantity is positive, not too long a number and within the behaviour's daily cap, the unit
 * is accepted, the region is known, and each parameter is the behaviour's own, within its physical range, and one the
 * caller may give. Every problem is reported, each naming its field; recording and the calculator share these checks.
 */
public final class ActivityChecks {

    /** The most digits a quantity may have before and after the decimal point. */
    static final int QUANTITY_INTEGER_DIGITS = 9;

    static final int QUANTITY_FRACTION_DIGITS = 6;

    private ActivityChecks() {}

    /** Who gives the activity: a participant may not give parameters that only a partner or the registry supplies. */
    public enum Giver {
        PARTICIPANT,
        SOURCE
    }

    /**
     * The problems of an activity's fields (behaviour, quantity, unit, region, parameters). With {@code requireInputs},
     * a parameter with no default that is not given is a problem too; otherwise the calculation answers it.
     */
    public static List<Violation> problems(
            MethodologyVersion version,
            @Nullable String behaviourCode,
            @Nullable BigDecimal quantity,
            @Nullable String unit,
            @Nullable String region,
            Map<String, BigDecimal> parameters,
            Giver giver,
            boolean requireInputs) {
        var problems = new ArrayList<Violation>();
        Behaviour behaviour =
                behaviourCode == null ? null : version.behaviour(behaviourCode).orElse(null);
        if (behaviourCode != null && behaviour == null) {
            problems.add(Violation.of("behaviour", "unknown-behaviour", behaviourCode));
        }
        BigDecimal conversion = behaviour == null || unit == null
                ? null
                : behaviour.unitConversions().get(unit);
        if (behaviour != null && unit != null && conversion == null) {
            problems.add(Violation.of("unit", "unit-not-accepted", unit, String.join(", ", behaviour.acceptedUnits())));
        }
        if (quantity != null) {
            if (quantity.signum() <= 0) {
                problems.add(Violation.of("quantity", "quantity-not-positive"));
            } else if (!Decimals.bounded(quantity)
                    || quantity.stripTrailingZeros().scale() > QUANTITY_FRACTION_DIGITS
                    || quantity.precision() - quantity.scale() > QUANTITY_INTEGER_DIGITS) {
                problems.add(Violation.of("quantity", "quantity-precision"));
            } else if (behaviour != null
                    && conversion != null
                    && quantity.multiply(conversion).compareTo(behaviour.maxPerDay()) > 0) {
                problems.add(Violation.of(
                        "quantity",
                        "quantity-above-cap",
                        behaviour.maxPerDay().toPlainString(),
                        unit(behaviour.unit())));
            }
        }
        if (region != null && !Regions.isKnown(region)) {
            problems.add(Violation.of("region", "unknown-region", region));
        }
        if (behaviour != null) {
            problems.addAll(parameterProblems(behaviour, parameters, giver, requireInputs));
        }
        return problems;
    }

    /** A unit as its readers say it (message {@code unit.<unit>}), the code itself where no translation exists. */
    static MessageSourceResolvable unit(String unit) {
        return new DefaultMessageSourceResolvable(new String[] {"unit." + unit}, unit);
    }

    /**
     * What is wrong with the parameters given, all at once and each naming its field: unknown, out of its physical
     * range, not the giver's to give (it comes from a partner or the product registry), or — when inputs are required —
     * missing.
     */
    static List<Violation> parameterProblems(
            Behaviour behaviour, Map<String, BigDecimal> given, Giver giver, boolean requireInputs) {
        var problems = new ArrayList<Violation>();
        for (var entry : new TreeMap<>(given).entrySet()) {
            String field = "parameters." + entry.getKey();
            var parameter = behaviour.parameter(entry.getKey()).orElse(null);
            BigDecimal value = entry.getValue();
            if (parameter == null) {
                problems.add(Violation.of(field, "parameter-unknown", entry.getKey()));
            } else if (value == null || !Decimals.bounded(value) || !parameter.physicallyPossible(value)) {
                problems.add(Violation.of(
                        field,
                        "parameter-out-of-range",
                        parameter.name(),
                        parameter.min() == null
                                ? "0"
                                : parameter.min().stripTrailingZeros().toPlainString(),
                        parameter.max() == null
                                ? "∞"
                                : parameter.max().stripTrailingZeros().toPlainString(),
                        unit(parameter.unit())));
            } else if (giver == Giver.PARTICIPANT && !parameter.declarableByParticipant()) {
                problems.add(Violation.of(field, "parameter-not-declarable", parameter.name()));
            }
        }
        if (requireInputs) {
            for (var parameter : behaviour.parameters()) {
                if (parameter.defaultValue() == null && !given.containsKey(parameter.id())) {
                    problems.add(Violation.of(
                            "parameters." + parameter.id(),
                            giver == Giver.SOURCE || parameter.declarableByParticipant()
                                    ? "parameter-required"
                                    : "parameter-from-source",
                            parameter.name()));
                }
            }
        }
        return problems;
    }
}
