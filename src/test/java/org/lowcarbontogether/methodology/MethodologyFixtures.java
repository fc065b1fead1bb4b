package org.lowcarbontogether.methodology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The methodology versions shipped with the platform, read as the application reads them, and activities to calculate. */
final class MethodologyFixtures {

    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final MethodologyVersion V1 = read("/methodology/lct-1.0.0.json");

    private MethodologyFixtures() {}

    static MethodologyVersion version1() {
        return V1;
    }

    static MethodologyVersion read(String resource) {
        try (InputStream in = MethodologyFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + resource);
            }
            return JSON.readValue(in, MethodologyVersion.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ActivityInput activity(String behaviour, String quantity, String unit, @Nullable String region) {
        return new ActivityInput(behaviour, new BigDecimal(quantity), unit, LocalDate.of(2026, 11, 28), region);
    }

    static ActivityInput activityOn(String behaviour, String quantity, String unit, @Nullable String region, LocalDate day) {
        return new ActivityInput(behaviour, new BigDecimal(quantity), unit, day, region);
    }
}
