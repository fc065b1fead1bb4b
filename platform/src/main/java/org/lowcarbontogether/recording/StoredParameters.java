package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** A record's formula inputs as stored (a JSON object of numbers), read back for recalculation. */
final class StoredParameters {

    private StoredParameters() {}

    static Map<String, BigDecimal> read(JsonMapper json, @Nullable String stored) {
        if (stored == null) {
            return Map.of();
        }
        Map<String, BigDecimal> parameters = new HashMap<>();
        json.readTree(stored)
                .properties()
                .forEach(e -> parameters.put(e.getKey(), e.getValue().decimalValue()));
        return parameters;
    }
}
