package org.lowcarbontogether.grants.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Where each province's marker goes on the programme's map: its capital, from {@code geo/province-capitals.csv}, read once. */
@Component
class ProvinceCapitals {

    /** A point on the map. */
    record Capital(double lat, double lon) {}

    private final Map<String, Capital> capitals = new HashMap<>();

    ProvinceCapitals() {
        String csv;
        try {
            csv = new ClassPathResource("geo/province-capitals.csv").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        csv.lines()
                .filter(l -> l.startsWith("CN-"))
                .map(l -> l.split(","))
                .forEach(f -> capitals.put(f[0], new Capital(Double.parseDouble(f[1]), Double.parseDouble(f[2]))));
    }

    /** The capital of a province ({@code CN-…}); none for anything else. */
    Optional<Capital> of(String region) {
        return Optional.ofNullable(capitals.get(region));
    }
}
