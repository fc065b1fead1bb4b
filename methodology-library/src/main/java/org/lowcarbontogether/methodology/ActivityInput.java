package org.lowcarbontogether.methodology;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * What a person did, as the calculation needs it: a behaviour, a quantity in one of its units, the day it happened,
 * where (a region code, China when unknown) and any parameter overrides.
 */
@NullMarked
public record ActivityInput(
        String behaviour,
        BigDecimal quantity,
        String unit,
        LocalDate occurredOn,
        @Nullable String region,
        Map<String, BigDecimal> parameters) {

    public ActivityInput {
        parameters = Map.copyOf(parameters);
    }

    public ActivityInput(
            String behaviour, BigDecimal quantity, String unit, LocalDate occurredOn, @Nullable String region) {
        this(behaviour, quantity, unit, occurredOn, region, Map.of());
    }
}
