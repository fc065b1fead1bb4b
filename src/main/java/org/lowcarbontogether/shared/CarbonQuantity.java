package org.lowcarbontogether.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An amount of greenhouse gas in integer grams of CO2e, the unit the ledger keeps. */
public record CarbonQuantity(long grams) {

    public static final CarbonQuantity ZERO = new CarbonQuantity(0);

    public static CarbonQuantity ofGrams(long grams) {
        return new CarbonQuantity(grams);
    }

    public CarbonQuantity plus(CarbonQuantity other) {
        return new CarbonQuantity(Math.addExact(grams, other.grams));
    }

    public CarbonQuantity negate() {
        return new CarbonQuantity(Math.negateExact(grams));
    }

    /** Kilograms with three decimals, for display. */
    public BigDecimal kilograms() {
        return BigDecimal.valueOf(grams, 3);
    }

    /** Tonnes with six decimals, for display. */
    public BigDecimal tonnes() {
        return BigDecimal.valueOf(grams, 6);
    }

    /** Kilograms rounded for people: one decimal. */
    public BigDecimal kilogramsRounded() {
        return kilograms().setScale(1, RoundingMode.HALF_EVEN);
    }
}
