package org.lowcarbontogether.rides.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.rides.GroupRideMaps;
import org.lowcarbontogether.rides.RideMap;
import org.lowcarbontogether.rides.Rides;
import org.lowcarbontogether.rides.Track;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.web.multipart.MultipartFile;

/** What the rides pages and API read from a request and write as GeoJSON (RFC 7946: longitude first). */
final class RideForms {

    private RideForms() {}

    static List<Rides.Upload> uploads(@Nullable List<MultipartFile> files) throws IOException {
        var uploads = new ArrayList<Rides.Upload>();
        if (files != null) {
            for (var f : files) {
                if (!f.isEmpty()) {
                    uploads.add(new Rides.Upload(f.getOriginalFilename(), f.getBytes()));
                }
            }
        }
        return uploads;
    }

    static Rides.Choices choices(@Nullable String vehicle, @Nullable String replaced) {
        var problems = new ArrayList<Refusal.Violation>();
        Rides.Vehicle v = parse(Rides.Vehicle.class, vehicle, Rides.Vehicle.BICYCLE);
        Rides.Replaced r = parse(Rides.Replaced.class, replaced, null);
        if (v == null) {
            problems.add(Refusal.Violation.of("vehicle", "ride-vehicle-invalid"));
        }
        if (r == null) {
            problems.add(Refusal.Violation.of("replaced", "ride-replaced-invalid"));
        }
        if (v == null || r == null) {
            throw Refusal.invalid(problems);
        }
        return new Rides.Choices(v, r);
    }

    static RideMap.@Nullable Slot slot(@Nullable String slot) {
        if (slot == null || slot.isBlank()) {
            return null;
        }
        var parsed = parse(RideMap.Slot.class, slot, null);
        if (parsed == null) {
            throw Refusal.invalid("map-slot-invalid", "slot");
        }
        return parsed;
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value, @Nullable E absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Map<String, Object> lineString(List<Track.Point> points) {
        var coordinates = points.stream().map(p -> List.of(p.lon(), p.lat())).toList();
        return Map.of(
                "type",
                "Feature",
                "geometry",
                Map.of("type", "LineString", "coordinates", coordinates),
                "properties",
                Map.of());
    }

    /** The group a map request names: a community or a campaign, not both; null for the public map. */
    record Group(GroupRideMaps.Kind kind, UUID id) {}

    static @Nullable Group group(@Nullable UUID community, @Nullable UUID campaign) {
        if (community != null && campaign != null) {
            throw Refusal.invalid("ride-map-one-group", "campaign");
        }
        if (community != null) {
            return new Group(GroupRideMaps.Kind.COMMUNITY, community);
        }
        return campaign == null ? null : new Group(GroupRideMaps.Kind.CAMPAIGN, campaign);
    }

    /** A group's map: the cells, and the group named. */
    static Map<String, Object> cells(GroupRideMaps.GroupMap shown) {
        var body = new java.util.LinkedHashMap<>(cells(shown.cells()));
        body.put("group", Map.of("kind", shown.kind().name(), "id", shown.id(), "name", shown.name()));
        return body;
    }

    static Map<String, Object> cells(List<RideMap.Cell> cells) {
        var features = new ArrayList<Map<String, Object>>();
        for (var c : cells) {
            var ring = new ArrayList<List<Double>>();
            for (double[] p : c.outline()) {
                ring.add(List.of(p[1], p[0]));
            }
            if (!ring.isEmpty()) {
                ring.add(ring.getFirst());
            }
            features.add(Map.of(
                    "type",
                    "Feature",
                    "geometry",
                    Map.of("type", "Polygon", "coordinates", List.of(ring)),
                    "properties",
                    Map.of("h3", c.h3(), "riders", c.riders(), "rides", c.rides())));
        }
        return Map.of("type", "FeatureCollection", "features", features, "minRiders", RideMap.MIN_RIDERS);
    }
}
