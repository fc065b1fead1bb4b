package org.lowcarbontogether.platform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Decimals;
import org.lowcarbontogether.shared.Texts;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one boundary every number, text and date typed into the platform crosses before it is used: JSON bodies here,
 * form fields and query strings in {@link TextBoundaryFilter} and the converter below. A decimal beyond
 * {@link Decimals}' bounds (for example {@code 1e400} or {@code 1e-30}) is refused where it is read, naming its field,
 * instead of costing a core to round later. Texts are normalised to NFC and refused when {@link Texts} finds them
 * deceptive (control characters, bidirectional overrides, invisible-only, stacked marks). Dates outside the years
 * {@value #FIRST_YEAR}–{@value #LAST_YEAR} are refused (a year like +999999999 cannot be stored).
 */
@Configuration(proxyBeanMethods = false)
class InputBoundary implements WebMvcConfigurer {

    static final String BOUNDS = "a number with at most " + Decimals.MAX_INTEGER_DIGITS + " digits before and "
            + Decimals.MAX_FRACTION_DIGITS + " after the decimal point";

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2200;

    @Bean
    JsonMapperBuilderCustomizer boundedInput() {
        var module = new SimpleModule("lct-input-boundary");
        module.addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer());
        module.addDeserializer(String.class, new CheckedStringDeserializer());
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(
                    DeserializationConfig config,
                    BeanDescription.Supplier description,
                    ValueDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass())
                        ? new BoundedDateDeserializer(deserializer)
                        : deserializer;
            }
        });
        return builder -> builder.addModule(module);
    }

    /** The standard text reading, then NFC and the rules of {@link Texts}. */
    static final class CheckedStringDeserializer extends StdScalarDeserializer<String> {

        CheckedStringDeserializer() {
            super(String.class);
        }

        @Override
        public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value == null) {
                return null;
            }
            var problem = Texts.problem(value);
            if (problem != null) {
                throw new RefusedInput(parser, "text-" + problem.name().toLowerCase(Locale.ROOT), value, String.class);
            }
            return Texts.normalise(value);
        }
    }

    /** Any date or time reading, then a bound on its year. */
    static final class BoundedDateDeserializer extends DelegatingDeserializer {

        BoundedDateDeserializer(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new BoundedDateDeserializer(delegate);
        }

        @Override
        public @Nullable Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            if (value instanceof TemporalAccessor temporal && !inRange(temporal)) {
                throw new RefusedInput(parser, "date-out-of-range", value, value.getClass());
            }
            return value;
        }
    }

    /** Whether a date or time falls in the years the platform stores. */
    static boolean inRange(TemporalAccessor temporal) {
        long year;
        if (temporal instanceof Instant instant) {
            year = instant.atOffset(ZoneOffset.UTC).getYear();
        } else if (temporal.isSupported(ChronoField.YEAR)) {
            year = temporal.getLong(ChronoField.YEAR);
        } else {
            return true;
        }
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** Query strings and form fields: the same bound for every {@code BigDecimal} Spring converts from text. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(
                String.class, BigDecimal.class, (Converter<String, @Nullable BigDecimal>) InputBoundary::decimal);
    }

    static @Nullable BigDecimal decimal(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        BigDecimal value = new BigDecimal(trimmed);
        if (!Decimals.bounded(value)) {
            throw new IllegalArgumentException("Expected " + BOUNDS);
        }
        return value;
    }

    /** The standard decimal reading, then the bound. */
    static final class BoundedDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

        BoundedDecimalDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public @Nullable BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            if (value != null && !Decimals.bounded(value)) {
                return (BigDecimal) context.handleWeirdNumberValue(BigDecimal.class, value, "expected " + BOUNDS);
            }
            return value;
        }
    }
}
