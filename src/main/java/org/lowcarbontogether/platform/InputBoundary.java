package org.lowcarbontogether.platform;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Decimals;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one boundary every number typed into the platform crosses before any arithmetic: JSON bodies, form fields and
 * query strings. A decimal beyond {@link Decimals}' bounds (for example {@code 1e400} or {@code 1e-30}) is refused
 * where it is read, naming its field, instead of costing a core to round later; a non-finite double is refused too.
 */
@Configuration(proxyBeanMethods = false)
class InputBoundary implements WebMvcConfigurer {

    static final String BOUNDS = "a number with at most " + Decimals.MAX_INTEGER_DIGITS + " digits before and "
            + Decimals.MAX_FRACTION_DIGITS + " after the decimal point";

    @Bean
    JsonMapperBuilderCustomizer boundedNumbers() {
        var module = new SimpleModule("lct-input-boundary");
        module.addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer());
        return builder -> builder.addModule(module);
    }

    /** Query strings and form fields: the same bound for every {@code BigDecimal} Spring converts from text. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, BigDecimal.class, (Converter<String, BigDecimal>) InputBoundary::decimal);
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
