package org.lowcarbontogether.products;

import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;

/**
 * A product's barcode number, GTIN-8, -12 (UPC-A), -13 (EAN) or -14, checked by its check digit (GS1: weights 3 and 1
 * from the right) and kept as GTIN-14, left-padded with zeros, so one product has one number whichever form is typed.
 */
public final class Gtin {

    private Gtin() {}

    /** The GTIN-14 of a typed barcode number (spaces and hyphens ignored), or a refusal naming {@code field}. */
    public static String parse(@Nullable String typed, String field) {
        if (typed == null || typed.isBlank()) {
            throw Refusal.invalid("gtin-required", field);
        }
        String digits = typed.strip().replace(" ", "").replace("-", "");
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Refusal.unacceptable("gtin-not-digits", field);
        }
        int length = digits.length();
        if (length != 8 && length != 12 && length != 13 && length != 14) {
            throw Refusal.unacceptable("gtin-length", field, length);
        }
        int expected = checkDigit(digits.substring(0, length - 1));
        if (digits.charAt(length - 1) - '0' != expected) {
            throw Refusal.unacceptable("gtin-check-digit", field, expected);
        }
        return "0".repeat(14 - length) + digits;
    }

    /** Whether a typed number is a valid GTIN. */
    public static boolean valid(@Nullable String typed) {
        try {
            parse(typed, "gtin");
            return true;
        } catch (Refusal refusal) {
            return false;
        }
    }

    /** The check digit of a GTIN's other digits. */
    public static int checkDigit(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    /** The number as it is printed under the barcode: GTIN-13 when the GTIN-14 starts with a zero, and so on. */
    public static String printed(String gtin14) {
        if (gtin14.startsWith("000000")) {
            return gtin14.substring(6);
        }
        if (gtin14.startsWith("00")) {
            return gtin14.substring(2);
        }
        if (gtin14.startsWith("0")) {
            return gtin14.substring(1);
        }
        return gtin14;
    }
}
