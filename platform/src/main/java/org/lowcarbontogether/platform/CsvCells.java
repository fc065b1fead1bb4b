package org.lowcarbontogether.platform;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Values for CSV files that people open in a spreadsheet: text that a spreadsheet would read as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so a display name cannot run as one.
 */
public final class CsvCells {

    private CsvCells() {}

    public static @Nullable Object safe(@Nullable Object value) {
        if (value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value;
    }

    public static List<@Nullable Object> safe(@Nullable Object... values) {
        return Arrays.stream(values).<@Nullable Object>map(CsvCells::safe).toList();
    }
}
