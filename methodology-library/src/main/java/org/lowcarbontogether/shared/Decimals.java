package org.lowcarbontogether.shared;

import java.math.BigDecimal;
import org.jspecify.annotations.NullMarked;

/**
 * The bounds every number a person, organiser or partner types must respect before any arithmetic: at most
 * {@value #MAX_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_FRACTION_DIGITS} after it. Rounding a
 * decimal costs time in proportion to its exponent, so {@code 1e400} or {@code 1e-30} would otherwise hold a core.
 */
@NullMarked
public final class Decimals {

    public static final int MAX_INTEGER_DIGITS = 12;
    public static final int MAX_FRACTION_DIGITS = 9;

    private Decimals() {}

    /** Whether a value fits the bounds (trailing zeros after the point do not count). */
    public static boolean bounded(BigDecimal value) {
        int scale = value.scale();
        // Cheap rejections first: the exponent alone decides for 1e400 and 1e-400, before any digit is looked at.
        if (scale < -MAX_INTEGER_DIGITS || scale > 1000) {
            return false;
        }
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        int fraction = Math.max(0, stripped.scale());
        int integer = stripped.precision() - stripped.scale();
        return fraction <= MAX_FRACTION_DIGITS && integer <= MAX_INTEGER_DIGITS;
    }
}
