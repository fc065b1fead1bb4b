package org.lowcarbontogether.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Decimals;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;

/**
 * Reads the text fields of a page's form: empty means absent (null); a value that does not parse adds a violation
 * naming its field (and gives null), so a page can report every bad field at once next to its input.
 */
public final class FormFields {

    private FormFields() {}

    public static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static @Nullable UUID uuid(@Nullable String value, String field, List<Violation> violations) {
        return parse(value, field, violations, "value-unknown", UUID::fromString);
    }

    public static @Nullable LocalDate date(@Nullable String value, String field, List<Violation> violations) {
        return parse(value, field, violations, "number-invalid", LocalDate::parse);
    }

    /** A date and time without offset (an HTML datetime-local input), taken in the given zone. */
    public static @Nullable OffsetDateTime dateTime(
            @Nullable String value, ZoneId zone, String field, List<Violation> violations) {
        return parse(
                value,
                field,
                violations,
                "number-invalid",
                v -> LocalDateTime.parse(v).atZone(zone).toOffsetDateTime());
    }

    public static @Nullable BigDecimal decimal(@Nullable String value, String field, List<Violation> violations) {
        return parse(value, field, violations, "number-invalid", FormFields::boundedDecimal);
    }

    public static @Nullable Long whole(@Nullable String value, String field, List<Violation> violations) {
        return parse(
                value,
                field,
                violations,
                "number-invalid",
                v -> boundedDecimal(v).longValueExact());
    }

    public static @Nullable Integer integer(@Nullable String value, String field, List<Violation> violations) {
        return parse(
                value,
                field,
                violations,
                "number-invalid",
                v -> boundedDecimal(v).intValueExact());
    }

    /** A typed number within the platform's bounds (thousands separators allowed); anything else is refused. */
    public static BigDecimal boundedDecimal(String text) {
        BigDecimal value = new BigDecimal(text.replace(",", ""));
        if (!Decimals.bounded(value)) {
            throw new ArithmeticException("out of bounds");
        }
        return value;
    }

    /** Throws the violations gathered so far, if any, as one 400 problem. */
    public static void check(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> @Nullable T parse(
            @Nullable String value, String field, List<Violation> violations, String code, Parser<T> parser) {
        String text = blank(value);
        if (text == null) {
            return null;
        }
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            violations.add(Violation.of(field, code, text));
            return null;
        }
    }
}
