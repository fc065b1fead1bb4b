package org.lowcarbontogether.methodology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The methodology versions shipped with the platform, read as the application reads them, and activities to calculate. */
final class MethodologyFixtures {

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
            return MethodologyDocuments.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ActivityInput activity(String behaviour, String quantity, String unit, @Nullable String region) {
        return new ActivityInput(behaviour, new BigDecimal(quantity), unit, LocalDate.of(2026, 11, 28), region);
    }

    static ActivityInput activityOn(
            String behaviour, String quantity, String unit, @Nullable String region, LocalDate day) {
        return new ActivityInput(behaviour, new BigDecimal(quantity), unit, day, region);
    }
}
