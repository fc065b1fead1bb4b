package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The result of calculating one activity under one methodology version: either a credited reduction with its full
 * provenance, or no credit with the reason. Unknown is never zero.
 */
@NullMarked
public sealed interface Calculation {

    String methodologyCode();

    String methodologyVersion();

    /** A reduction in integer grams CO2e with the factors, parameters and arithmetic that produced it. */
    record Credited(
            String methodologyCode,
            String methodologyVersion,
            String behaviour,
            String category,
            BigDecimal quantity,
            String unit,
            @Nullable String region,
            String formula,
            long baselineGrams,
            long projectGrams,
            long reductionGrams,
            long lowGrams,
            long highGrams,
            List<UsedFactor> factors,
            List<UsedParameter> parameters,
            List<Step> steps,
            List<String> flags)
            implements Calculation {}

    /**
     * No credit, with a reason code, a detail naming what was missing or wrong and, when an input is to blame, the
     * input's field ({@code quantity}, {@code parameters.occupancy}, …).
     */
    record NotCredited(
            String methodologyCode,
            String methodologyVersion,
            Reason reason,
            String detail,
            @Nullable String field) implements Calculation {}

    /** A factor as it was used, carrying its citation so the provenance stands on its own. */
    record UsedFactor(
            String id,
            String activity,
            BigDecimal value,
            String unit,
            String gasBasis,
            String region,
            int year,
            String purpose,
            String confidence,
            boolean proxy,
            String sourceId,
            String source,
            @Nullable String sourceUrl,
            @Nullable String sourceLocator) {}

    record UsedParameter(String id, BigDecimal value, String unit, boolean defaulted) {}

    /** One line of the arithmetic, for example "baseline = 12 km × 167.25 g/km = 2007 g". */
    record Step(String label, String expression) {}

    enum Reason {
        UNKNOWN_BEHAVIOUR,
        UNIT_NOT_ACCEPTED,
        INVALID_QUANTITY,
        QUANTITY_ABOVE_CAP,
        UNKNOWN_REGION,
        INVALID_PARAMETER,
        MISSING_INPUT,
        NO_FACTOR;

        /** Whether this reason blames the input (refused as invalid) rather than missing data (answered with the reason). */
        public boolean invalidInput() {
            return this != MISSING_INPUT && this != NO_FACTOR;
        }
    }

    /** Flags in a credited calculation's provenance. */
    final class Flags {
        /** Factors of different gas bases (CO2 only and CO2e) were combined. */
        public static final String MIXED_GAS_BASIS = "MIXED_GAS_BASIS";
        /** A factor from another region stood in because the region chain had none. */
        public static final String PROXY_REGION = "PROXY_REGION";
        /** The alternative emitted more than the baseline; the credit is zero, not negative. */
        public static final String NO_NET_REDUCTION = "NO_NET_REDUCTION";
        /** A value given for a parameter lies outside the methodology's typical range for it. */
        public static final String ATYPICAL_PARAMETER = "ATYPICAL_PARAMETER";
        /** The calculated reduction exceeded the behaviour's per-record ceiling and was cut to it. */
        public static final String CEILING_APPLIED = "CEILING_APPLIED";

        private Flags() {}
    }
}
