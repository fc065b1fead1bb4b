package org.lowcarbontogether.platform;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Dates and instants in query strings, path variables and form fields: ISO only ({@code 2026-12-07}, {@code 2026-12},
 * {@code 2026-12-07T08:00:00Z}), and within
 * the years the platform stores ({@value InputBoundary#FIRST_YEAR}–{@value InputBoundary#LAST_YEAR}), like dates in
 * JSON bodies. A date outside them is a field error, never a failure further down (a year like +999999999 overflows
 * date arithmetic and PostgreSQL's timestamps).
 */
@ControllerAdvice
class DateBinding {

    @InitBinder
    void bounded(WebDataBinder binder) {
        binder.registerCustomEditor(LocalDate.class, new BoundedEditor(LocalDate::parse));
        binder.registerCustomEditor(YearMonth.class, new BoundedEditor(YearMonth::parse));
        binder.registerCustomEditor(Instant.class, new BoundedEditor(Instant::parse));
        binder.registerCustomEditor(OffsetDateTime.class, new BoundedEditor(OffsetDateTime::parse));
    }

    private static final class BoundedEditor extends PropertyEditorSupport {

        private final Function<String, TemporalAccessor> parse;

        BoundedEditor(Function<String, TemporalAccessor> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            String trimmed = text == null ? "" : text.strip();
            if (trimmed.isEmpty()) {
                setValue(null);
                return;
            }
            TemporalAccessor value;
            try {
                value = parse.apply(trimmed);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not an ISO date");
            }
            if (!InputBoundary.inRange(value)) {
                throw new IllegalArgumentException(
                        "Date outside " + InputBoundary.FIRST_YEAR + "–" + InputBoundary.LAST_YEAR);
            }
            setValue(value);
        }

        @Override
        public String getAsText() {
            return getValue() == null ? "" : getValue().toString();
        }
    }
}
