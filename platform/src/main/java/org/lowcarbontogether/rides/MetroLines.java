package org.lowcarbontogether.rides;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Metro and rail lines, kept by the programme office per city (GeoJSON LineStrings, for example an OpenStreetMap
 * export), and the track rule {@code RIDE_METRO} they make possible: a ride is held when most of its moving distance
 * lies in a line's corridor <em>and</em> it moves like a train. Both are needed: a rider on a cycle path beside a line
 * rides at a bicycle's speed and is not held; a fast stretch away from every line is {@code RIDE_SPEED}'s business.
 * <p>
 * At import every line's corridor is indexed by H3 cells (resolution {@value RideMap#RESOLUTION}: the cells within one
 * ring of a point every {@value #SAMPLE_METRES} m along the line, which covers more than {@value #CORRIDOR_METRES} m
 * either side since a cell's edge is longer than 120 m at that resolution). A ride finds the lines it may follow by its
 * own cells in one indexed query, and only then measures distances, to the line's segments near each point.
 */
@Service
public class MetroLines {

    /** How far from a line a track's point still counts as on it: a line's width plus GPS error beside a viaduct. */
    static final double CORRIDOR_METRES = 100;
    /**
     * The share of a ride's moving distance within one line's corridor above which it is judged against the train
     * profile: 70 %, so the walk to and from the stations (often a few hundred metres each end of a 5–15 km trip) does
     * not hide a train ride, while a ride that merely crosses or briefly follows a line stays well below it.
     */
    static final double ALONG_SHARE = 0.70;
    /**
     * A run's top speed (over {@link #PEAK_WINDOW}) that a bicycle does not reach on the flat but a metro train does
     * between any two stations: 45 km/h (trains run at 60–80 km/h; a fast commuter cyclist holds 25–32).
     */
    static final double TRAIN_KMH = 45;
    /** The window a run's top speed is measured over, so that one jittery fix does not make a train. */
    static final Duration PEAK_WINDOW = Duration.ofSeconds(30);
    /** A stop: this long below walking pace — a train's dwell at a station is 20–60 s. */
    static final Duration STOP = Duration.ofSeconds(15);
    /** A run between two stops at least this long, as stations are spaced (0.5–3 km in Chinese metro networks). */
    static final double RUN_METRES = 500;
    /** Runs at train speed between stops, each at least {@link #RUN_METRES}: two means at least one station passed. */
    static final int TRAIN_RUNS = 2;

    /** Largest GeoJSON file accepted. */
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    /** Most lines in one file (a city's network with its branches). */
    static final int MAX_LINES = 100;
    /** Most points in one line. */
    static final int MAX_POINTS = 20_000;
    /** Longest line accepted, metres (the longest metro lines are under 100 km; intercity rail is cut per city). */
    static final double MAX_LENGTH_METRES = 200_000;

    static final int MAX_CITY = 100;
    static final int MAX_NAME = 200;
    /** Distance between the points of a line whose cells make its corridor. */
    static final double SAMPLE_METRES = 20;

    /** A line as the office lists it. */
    public record Line(UUID id, String city, String name, int points, int lengthMetres, Instant importedAt) {}

    /** What an import added, and how many features were not lines (stations, platforms) and were left out. */
    public record Imported(List<Line> lines, int skipped) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;
    private final H3Core h3;

    MetroLines(JdbcClient jdbc, JsonMapper json, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireOffice(Actor actor) {
        if (!actor.hasRole(Role.PROGRAMME_OFFICER) && !actor.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("metro-lines-office-only", "role");
        }
    }

    /** Every line, by city and name. */
    public List<Line> list(Actor reader) {
        requireOffice(reader);
        return jdbc.sql("select id, city, name, point_count, length_m, imported_at from metro_line order by city, name")
                .query((rs, n) -> new Line(
                        rs.getObject("id", UUID.class),
                        rs.getString("city"),
                        rs.getString("name"),
                        rs.getInt("point_count"),
                        rs.getInt("length_m"),
                        rs.getTimestamp("imported_at").toInstant()))
                .list();
    }

    /**
     * Imports the LineStrings and MultiLineStrings of a GeoJSON file (a FeatureCollection, a Feature or a bare
     * geometry) as the city's lines, each named by its {@code name} property (or {@code name:zh}, {@code name:en},
     * {@code ref}). Other features — an OpenStreetMap export carries stations as points — are left out and counted.
     * Nothing is imported when anything is wrong; every problem is named.
     */
    @Transactional
    public Imported importGeoJson(
            Actor officer, @Nullable String city, @Nullable String fileName, byte @Nullable [] file) {
        requireOffice(officer);
        var problems = new ArrayList<Refusal.Violation>();
        String theCity = city == null ? "" : city.strip();
        if (theCity.isEmpty()) {
            problems.add(Refusal.Violation.of("city", "metro-city-required"));
        } else if (theCity.length() > MAX_CITY) {
            problems.add(Refusal.Violation.of("city", "metro-city-too-long", MAX_CITY));
        }
        if (file == null || file.length == 0) {
            problems.add(Refusal.Violation.of("file", "metro-file-required"));
            throw Refusal.invalid(problems);
        }
        if (file.length > MAX_FILE_BYTES) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "metro-file-too-large", "file", MAX_FILE_BYTES / (1024 * 1024));
        }
        JsonNode root;
        try {
            root = json.readTree(file);
        } catch (JacksonException e) {
            problems.add(Refusal.Violation.of("file", "metro-geojson-invalid"));
            throw Refusal.invalid(problems);
        }
        var features = new ArrayList<JsonNode>();
        String type = text(root.path("type"));
        switch (type) {
            case "FeatureCollection" -> root.path("features").forEach(features::add);
            case "Feature" -> features.add(root);
            case "LineString", "MultiLineString" ->
                features.add(json.createObjectNode().set("geometry", root));
            default -> {
                problems.add(Refusal.Violation.of("file", "metro-geojson-invalid"));
                throw Refusal.invalid(problems);
            }
        }
        var parsed = new ArrayList<Parsed>();
        int skipped = 0;
        for (int i = 0; i < features.size(); i++) {
            var feature = features.get(i);
            var geometry = feature.path("geometry");
            String geometryType = text(geometry.path("type"));
            if (!geometryType.equals("LineString") && !geometryType.equals("MultiLineString")) {
                skipped++;
                continue;
            }
            int number = i + 1;
            String name = name(feature.path("properties"), fileName, number);
            if (name.length() > MAX_NAME) {
                name = name.substring(0, MAX_NAME);
            }
            var parts = new ArrayList<List<double[]>>();
            if (geometryType.equals("LineString")) {
                parts.add(coordinates(geometry.path("coordinates"), number, problems));
            } else {
                var lines = geometry.path("coordinates");
                if (!lines.isArray() || lines.isEmpty()) {
                    problems.add(Refusal.Violation.of("file", "metro-line-too-short", number));
                }
                lines.forEach(part -> parts.add(coordinates(part, number, problems)));
            }
            int points = parts.stream().mapToInt(List::size).sum();
            if (points > MAX_POINTS) {
                problems.add(Refusal.Violation.of("file", "metro-line-too-many-points", number, MAX_POINTS));
            }
            double length = length(parts);
            if (length > MAX_LENGTH_METRES) {
                problems.add(Refusal.Violation.of("file", "metro-line-too-long", number, MAX_LENGTH_METRES / 1000));
            }
            parsed.add(new Parsed(name, parts, points, length));
        }
        if (parsed.isEmpty() && problems.stream().noneMatch(p -> p.field().equals("file"))) {
            problems.add(Refusal.Violation.of("file", "metro-lines-none"));
        }
        if (parsed.size() > MAX_LINES) {
            problems.add(Refusal.Violation.of("file", "metro-lines-too-many", MAX_LINES));
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalid(problems);
        }
        var lines = new ArrayList<Line>();
        Instant now = clock.instant();
        for (var line : parsed) {
            UUID id = UUID.randomUUID();
            var coordinates = line.parts().stream()
                    .map(part -> part.stream().map(p -> List.of(p[0], p[1])).toList())
                    .toList();
            jdbc.sql("""
                            insert into metro_line (id, city, name, parts, point_count, length_m, imported_at)
                            values (:id, :city, :name, cast(:parts as jsonb), :points, :length, :now)""")
                    .param("id", id)
                    .param("city", theCity)
                    .param("name", line.name())
                    .param("parts", json.writeValueAsString(coordinates))
                    .param("points", line.points())
                    .param("length", (int) Math.round(line.length()))
                    .param("now", Timestamp.from(now))
                    .update();
            jdbc.sql("insert into metro_line_cell (cell, line_id) select c, :id from unnest(:cells) as c")
                    .param("id", id)
                    .param("cells", corridor(line.parts()).keySet().toArray(Long[]::new))
                    .update();
            audit.record(
                    officer.id(),
                    AuditLog.Action.METRO_LINE_IMPORTED,
                    null,
                    AuditLog.Target.METRO_LINE,
                    id,
                    Map.of("city", theCity, "line", line.name(), "points", Integer.toString(line.points())));
            lines.add(new Line(id, theCity, line.name(), line.points(), (int) Math.round(line.length()), now));
        }
        return new Imported(List.copyOf(lines), skipped);
    }

    /** Deletes a line: rides judged before keep their reasons, later ones are no longer compared with it. */
    @Transactional
    public void delete(Actor officer, UUID id) {
        requireOffice(officer);
        var line = jdbc.sql("select city, name from metro_line where id = :id")
                .param("id", id)
                .query((rs, n) -> new String[] {rs.getString("city"), rs.getString("name")})
                .optional()
                .orElseThrow(() -> Refusal.notFound("metro-line-not-found", "id"));
        jdbc.sql("delete from metro_line where id = :id").param("id", id).update();
        audit.record(
                officer.id(),
                AuditLog.Action.METRO_LINE_DELETED,
                null,
                AuditLog.Target.METRO_LINE,
                id,
                Map.of("city", line[0], "line", line[1]));
    }

    private record Parsed(String name, List<List<double[]>> parts, int points, double length) {}

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }

    private static String name(JsonNode properties, @Nullable String fileName, int number) {
        for (String key : List.of("name", "name:zh", "name:en", "ref")) {
            String value = text(properties.path(key)).strip();
            if (!value.isEmpty()) {
                return value;
            }
        }
        String base = fileName == null || fileName.isBlank() ? "line" : fileName.strip();
        return base + " #" + number;
    }

    /** A LineString's positions as [lon, lat], each checked. */
    private static List<double[]> coordinates(JsonNode array, int number, List<Refusal.Violation> problems) {
        var out = new ArrayList<double[]>();
        if (!array.isArray() || array.size() < 2) {
            problems.add(Refusal.Violation.of("file", "metro-line-too-short", number));
            return out;
        }
        if (array.size() > MAX_POINTS) {
            problems.add(Refusal.Violation.of("file", "metro-line-too-many-points", number, MAX_POINTS));
            return out;
        }
        for (var position : array) {
            if (!position.isArray()
                    || position.size() < 2
                    || !position.get(0).isNumber()
                    || !position.get(1).isNumber()) {
                problems.add(Refusal.Violation.of("file", "metro-coordinate-invalid", number));
                return out;
            }
            double lon = position.get(0).asDouble();
            double lat = position.get(1).asDouble();
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                problems.add(Refusal.Violation.of("file", "metro-coordinate-invalid", number));
                return out;
            }
            out.add(new double[] {lon, lat});
        }
        return out;
    }

    private static double length(List<List<double[]>> parts) {
        double length = 0;
        for (var part : parts) {
            for (int i = 1; i < part.size(); i++) {
                length += Track.metres(part.get(i - 1)[1], part.get(i - 1)[0], part.get(i)[1], part.get(i)[0]);
            }
        }
        return length;
    }

    /** A segment of a line: from one position to the next, [lon, lat] each. */
    private record Segment(double lon1, double lat1, double lon2, double lat2) {}

    /** For every cell of a line's corridor, the segments that pass near it. */
    private Map<Long, List<Segment>> corridor(List<List<double[]>> parts) {
        var cells = new HashMap<Long, List<Segment>>();
        for (var part : parts) {
            for (int i = 1; i < part.size(); i++) {
                var a = part.get(i - 1);
                var b = part.get(i);
                var segment = new Segment(a[0], a[1], b[0], b[1]);
                double metres = Track.metres(a[1], a[0], b[1], b[0]);
                int steps = Math.max(1, (int) Math.ceil(metres / SAMPLE_METRES));
                var near = new LinkedHashSet<Long>();
                for (int s = 0; s <= steps; s++) {
                    double f = (double) s / steps;
                    long cell = h3.latLngToCell(a[1] + (b[1] - a[1]) * f, a[0] + (b[0] - a[0]) * f, RideMap.RESOLUTION);
                    near.addAll(h3.gridDisk(cell, 1));
                }
                for (long cell : near) {
                    cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(segment);
                }
            }
        }
        return cells;
    }

    /**
     * Whether the ride looks like a metro or train ride along one of the lines: at least {@link #ALONG_SHARE} of its
     * moving distance within {@link #CORRIDOR_METRES} of the line, and a train's speed profile ({@link #trainLike}).
     */
    boolean followsLine(Track track) {
        var points = track.points();
        if (points.size() < 2 || !trainLike(track)) {
            return false;
        }
        var cells = new HashSet<Long>();
        for (var p : points) {
            cells.add(h3.latLngToCell(p.lat(), p.lon(), RideMap.RESOLUTION));
        }
        var candidates = jdbc.sql("select distinct line_id from metro_line_cell where cell = any(:cells)")
                .param("cells", cells.toArray(Long[]::new))
                .query(UUID.class)
                .list();
        for (UUID line : candidates) {
            String stored = jdbc.sql("select parts::text from metro_line where id = :id")
                    .param("id", line)
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (stored != null && alongShare(track, corridor(parts(stored))) >= ALONG_SHARE) {
                return true;
            }
        }
        return false;
    }

    private List<List<double[]>> parts(String stored) {
        var rows = json.readValue(stored, double[][][].class);
        var parts = new ArrayList<List<double[]>>(rows.length);
        for (double[][] part : rows) {
            parts.add(List.of(part));
        }
        return parts;
    }

    /** The share of the moving distance whose steps' midpoints lie within the corridor of the line. */
    private double alongShare(Track track, Map<Long, List<Segment>> corridor) {
        var points = track.points();
        double moving = 0;
        double along = 0;
        for (int i = 1; i < points.size(); i++) {
            var a = points.get(i - 1);
            var b = points.get(i);
            double metres = Track.metres(a, b);
            long seconds = Duration.between(a.time(), b.time()).toSeconds();
            if (seconds <= 0 || metres / seconds < Track.MOVING_SPEED) {
                continue;
            }
            moving += metres;
            double lat = (a.lat() + b.lat()) / 2;
            double lon = (a.lon() + b.lon()) / 2;
            var near = corridor.get(h3.latLngToCell(lat, lon, RideMap.RESOLUTION));
            if (near == null) {
                continue;
            }
            for (var segment : near) {
                if (distance(lat, lon, segment) <= CORRIDOR_METRES) {
                    along += metres;
                    break;
                }
            }
        }
        return moving == 0 ? 0 : along / moving;
    }

    /** Metres from a position to a segment, on a plane tangent at the position (exact enough within a kilometre). */
    static double distance(double lat, double lon, Segment s) {
        double kx = Math.toRadians(1) * Track.EARTH_RADIUS_M * Math.cos(Math.toRadians(lat));
        double ky = Math.toRadians(1) * Track.EARTH_RADIUS_M;
        double ax = (s.lon1() - lon) * kx;
        double ay = (s.lat1() - lat) * ky;
        double bx = (s.lon2() - lon) * kx;
        double by = (s.lat2() - lat) * ky;
        double dx = bx - ax;
        double dy = by - ay;
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
        double x = ax + t * dx;
        double y = ay + t * dy;
        return Math.sqrt(x * x + y * y);
    }

    /**
     * A train's speed profile: the track split at its stops (at least {@link #STOP} below walking pace) into runs, and
     * at least {@link #TRAIN_RUNS} runs of {@link #RUN_METRES} or more whose top speed over {@link #PEAK_WINDOW} reaches
     * {@link #TRAIN_KMH}. A cyclist stopping at lights along a line does not reach it; a sprint or a descent is one run,
     * not two between stations.
     */
    static boolean trainLike(Track track) {
        var points = track.points();
        int fastRuns = 0;
        int runStart = 0;
        int i = 1;
        while (i < points.size()) {
            if (!slow(points.get(i - 1), points.get(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < points.size() && slow(points.get(j - 1), points.get(j))) {
                j++;
            }
            // The slow steps from point i - 1 to point j - 1: a stop when they last long enough.
            if (Duration.between(points.get(i - 1).time(), points.get(j - 1).time())
                            .compareTo(STOP)
                    >= 0) {
                if (fastRun(points, runStart, i - 1)) {
                    fastRuns++;
                }
                runStart = j - 1;
            }
            i = j;
        }
        if (fastRun(points, runStart, points.size() - 1)) {
            fastRuns++;
        }
        return fastRuns >= TRAIN_RUNS;
    }

    private static boolean slow(Track.Point a, Track.Point b) {
        long seconds = Duration.between(a.time(), b.time()).toSeconds();
        return seconds > 0 && Track.metres(a, b) / seconds < Track.MOVING_SPEED;
    }

    private static boolean fastRun(List<Track.Point> points, int from, int to) {
        if (to <= from) {
            return false;
        }
        var run = new Track(points.subList(from, to + 1));
        if (run.summary().distanceMetres() < RUN_METRES) {
            return false;
        }
        for (var stretch : run.stretches(PEAK_WINDOW)) {
            if (stretch.kmh() >= TRAIN_KMH) {
                return true;
            }
        }
        return false;
    }
}
