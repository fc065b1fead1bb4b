package org.lowcarbontogether.grants.web;

import java.math.BigDecimal;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Grant amounts: typed in yuan on the pages, kept in fen (integer) by the service. */
final class Money {

    private Money() {}

    /** Yuan to fen; the form's {@code @Digits(fraction = 2)} has already refused fractions of a fen. */
    static @Nullable Long fen(@Nullable BigDecimal yuan) {
        return yuan == null ? null : yuan.movePointRight(2).longValueExact();
    }

    /** Fen as people read yuan: {@code ¥12,345.60}. */
    static String yuan(long fen) {
        return "¥" + String.format(Locale.ROOT, "%,.2f", BigDecimal.valueOf(fen, 2));
    }
}
