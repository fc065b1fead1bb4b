package org.lowcarbontogether.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** An amount of greenhouse gas in integer grams of CO2e, the unit the ledger keeps. */
public record CarbonQuantity(long grams) {

    public static CarbonQuantity ofGrams(long grams) {
        return new CarbonQuantity(grams);
    }

    /** Kilograms with three decimals, for display. */
    public BigDecimal kilograms() {
        return BigDecimal.valueOf(grams, 3);
    }

    /** Tonnes with six decimals, for display. */
    public BigDecimal tonnes() {
        return BigDecimal.valueOf(grams, 6);
    }

    /** Kilograms as people read them, grouped by thousands with the given decimals: {@code 1,234.5}. */
    public String kilogramsText(int decimals) {
        return text(kilograms(), decimals);
    }

    /** Tonnes as people read them, grouped by thousands with the given decimals: {@code 12.345}. */
    public String tonnesText(int decimals) {
        return text(tonnes(), decimals);
    }

    // The same digits in English and Chinese: both group thousands with "," and mark decimals with ".".
    private static String text(BigDecimal amount, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", amount.setScale(decimals, RoundingMode.HALF_EVEN));
    }
}
