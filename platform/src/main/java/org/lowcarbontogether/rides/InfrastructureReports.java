package org.lowcarbontogether.rides;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Riders' reports on cycling infrastructure: a pin or a segment (a short polyline along a stretch of lane) with a category, a description and optionally a photo (decoded and
 * re-encoded, so no metadata survives); other riders confirm them; organisers and programme officers triage them
 * (new → confirmed → sent to the city → resolved or won't fix) and export them with the ride density around each as
 * GeoJSON and CSV for the city. The reporter is never shown to anyone else.
 */
@Service
public class InfrastructureReports {

    public enum Category {
        BROKEN_LANE,
        BLOCKED_LANE,
        MISSING_PARKING,
        DANGEROUS_JUNCTION,
        BIKE_SHARE_SHORTAGE
    }

    public enum Status {
        NEW,
        CONFIRMED,
        SENT_TO_CITY,
        RESOLVED,
        WONT_FIX;

        public Set<Status> next() {
            return switch (this) {
                case NEW -> EnumSet.of(CONFIRMED, SENT_TO_CITY, WONT_FIX);
                case CONFIRMED -> EnumSet.of(SENT_TO_CITY, WONT_FIX);
                case SENT_TO_CITY -> EnumSet.of(RESOLVED, WONT_FIX);
                case RESOLVED, WONT_FIX -> EnumSet.noneOf(Status.class);
            };
        }
    }

    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_PHOTO_BYTES = 8 * 1024 * 1024;
    static final int PHOTO_SIDE = 1600;
    /** Rings of H3 cells around a report counted for its ride density (about 500 m). */
    static final int DENSITY_RINGS = 2;
    /** Most positions of a segment. */
    static final int MAX_SEGMENT_POINTS = 20;
    /** Longest segment, metres: a stretch of one street, not a route. */
    static final double MAX_SEGMENT_METRES = 2000;

    private final JdbcClient jdbc;
    private final RideMap map;
    private final JsonMapper json;
    private final Clock clock;

    InfrastructureReports(JdbcClient jdbc, RideMap map, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.map = map;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A report as anyone sees it; {@code lat}, {@code lon}: its pin (halfway along its segment if it has one);
     * {@code segment}: [lat, lon] positions, empty for a pin; {@code mine}: the reader made it; {@code
     * confirmedByReader}: they confirmed it.
     */
    public record Report(
            UUID id,
            Category category,
            double lat,
            double lon,
            List<double[]> segment,
            String description,
            boolean hasPhoto,
            Status status,
            @Nullable String statusNote,
            int confirmations,
            Instant createdAt,
            @Nullable Instant statusChangedAt,
            boolean mine,
            boolean confirmedByReader) {}

    /** A report with a pin. */
    public Report report(
            Actor reporter,
            @Nullable String category,
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable String description,
            byte @Nullable [] photo) {
        return report(reporter, category, lat, lon, null, description, photo);
    }

    /**
     * A report with a pin, or with a segment ({@code "lat,lon;lat,lon;…"}, 2 to {@value #MAX_SEGMENT_POINTS}
     * positions, at most {@value #MAX_SEGMENT_METRES} m long) whose halfway point becomes its pin.
     */
    @Transactional
    public Report report(
            Actor reporter,
            @Nullable String category,
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable String segment,
            @Nullable String description,
            byte @Nullable [] photo) {
        var problems = new ArrayList<Refusal.Violation>();
        List<double[]> line = List.of();
        boolean marksSegment = segment != null && !segment.isBlank();
        if (segment != null && marksSegment) {
            line = segment(segment, problems);
            if (line.size() >= 2) {
                double[] half = halfway(line);
                lat = half[0];
                lon = half[1];
            }
        }
        Category kind = null;
        try {
            kind = category == null ? null : Category.valueOf(category);
        } catch (IllegalArgumentException e) {
            kind = null;
        }
        if (kind == null) {
            problems.add(Refusal.Violation.of("category", "report-category-invalid"));
        }
        if (!marksSegment && (lat == null || lat < -90 || lat > 90)) {
            problems.add(Refusal.Violation.of("lat", "latitude-invalid"));
        }
        if (!marksSegment && (lon == null || lon < -180 || lon > 180)) {
            problems.add(Refusal.Violation.of("lon", "longitude-invalid"));
        }
        String text = description == null ? "" : description.strip();
        if (text.isEmpty() || text.length() > MAX_DESCRIPTION) {
            problems.add(Refusal.Violation.of("description", "report-description-invalid", MAX_DESCRIPTION));
        }
        byte[] stored = null;
        if (photo != null && photo.length > 0) {
            stored = reencode(photo);
            if (stored == null) {
                problems.add(Refusal.Violation.of("photo", "report-photo-invalid"));
            }
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalid(problems);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into infra_report (id, reporter_id, category, lat, lon, segment, description, photo, status,
                            created_at)
                        values (:id, :reporter, :category, :lat, :lon, cast(:segment as jsonb), :description, :photo,
                            'NEW', :now)""")
                .param("id", id)
                .param("reporter", reporter.id())
                .param("category", Objects.requireNonNull(kind).name())
                .param("lat", lat)
                .param("lon", lon)
                .param("segment", line.isEmpty() ? null : segmentJson(line))
                .param("description", text)
                .param("photo", stored)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return find(reporter, id);
    }

    /** A segment's positions from "lat,lon;lat,lon;…", each checked. */
    static List<double[]> segment(String text, List<Refusal.Violation> problems) {
        var out = new ArrayList<double[]>();
        String[] positions = text.strip().split(";");
        if (positions.length < 2 || positions.length > MAX_SEGMENT_POINTS) {
            problems.add(Refusal.Violation.of("segment", "report-segment-invalid", MAX_SEGMENT_POINTS));
            return List.of();
        }
        for (String position : positions) {
            String[] parts = position.strip().split(",");
            try {
                double lat = Double.parseDouble(parts[0].strip());
                double lon = Double.parseDouble(parts[1].strip());
                if (parts.length != 2 || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                    throw new NumberFormatException(position);
                }
                out.add(new double[] {lat, lon});
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                problems.add(Refusal.Violation.of("segment", "report-segment-invalid", MAX_SEGMENT_POINTS));
                return List.of();
            }
        }
        if (length(out) > MAX_SEGMENT_METRES) {
            problems.add(Refusal.Violation.of("segment", "report-segment-too-long", MAX_SEGMENT_METRES / 1000));
            return List.of();
        }
        return List.copyOf(out);
    }

    private static double length(List<double[]> line) {
        double metres = 0;
        for (int i = 1; i < line.size(); i++) {
            metres += Track.metres(line.get(i - 1)[0], line.get(i - 1)[1], line.get(i)[0], line.get(i)[1]);
        }
        return metres;
    }

    /** The position halfway along a polyline. */
    static double[] halfway(List<double[]> line) {
        double half = length(line) / 2;
        for (int i = 1; i < line.size(); i++) {
            var a = line.get(i - 1);
            var b = line.get(i);
            double step = Track.metres(a[0], a[1], b[0], b[1]);
            if (step >= half && step > 0) {
                double f = half / step;
                return new double[] {a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f};
            }
            half -= step;
        }
        return line.getFirst();
    }

    private String segmentJson(List<double[]> line) {
        return json.writeValueAsString(line.stream()
                .map(p -> new double[] {Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6})
                .toList());
    }

    private List<double[]> segmentOf(@Nullable String stored) {
        return stored == null ? List.of() : List.of(json.readValue(stored, double[][].class));
    }

    private static byte @Nullable [] reencode(byte[] photo) {
        if (photo.length > MAX_PHOTO_BYTES) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo));
            if (image == null) {
                return null;
            }
            double scale = Math.min(1.0, (double) PHOTO_SIDE / Math.max(image.getWidth(), image.getHeight()));
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            var out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            var g = out.createGraphics();
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            var bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "jpeg", bytes);
            return bytes.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every report, newest first (at most 500), optionally of one status. */
    public List<Report> all(@Nullable Actor reader, @Nullable Status status) {
        return jdbc.sql(SELECT + " where (cast(:status as text) is null or r.status = :status)"
                        + " order by r.created_at desc limit 500")
                .param("reader", reader == null ? null : reader.id())
                .param("status", status == null ? null : status.name())
                .query(this::report)
                .list();
    }

    public Report find(@Nullable Actor reader, UUID id) {
        return jdbc.sql(SELECT + " where r.id = :id")
                .param("reader", reader == null ? null : reader.id())
                .param("id", id)
                .query(this::report)
                .optional()
                .orElseThrow(() -> Refusal.notFound("report-not-found", "id"));
    }

    public byte[] photo(UUID id) {
        return jdbc.sql("select photo from infra_report where id = :id and photo is not null")
                .param("id", id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("report-not-found", "id"));
    }

    /** Another rider confirms the report, once; the triage sees how many did. */
    @Transactional
    public Report confirm(Actor rider, UUID id) {
        var report = find(rider, id);
        if (report.mine()) {
            throw Refusal.conflict("report-own", "id");
        }
        jdbc.sql("""
                        insert into infra_confirmation (report_id, user_id, confirmed_at) values (:id, :user, :now)
                        on conflict do nothing""")
                .param("id", id)
                .param("user", rider.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return find(rider, id);
    }

    /** Moves a report on in its workflow: organisers, programme officers and administrators only. */
    @Transactional
    public Report triage(Actor triager, UUID id, @Nullable String to, @Nullable String note) {
        if (!canTriage(triager)) {
            throw Refusal.forbidden("report-triage-forbidden", "status");
        }
        var report = jdbc.sql("select status from infra_report where id = :id for update")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElseThrow(() -> Refusal.notFound("report-not-found", "id"));
        Status target;
        try {
            target = Status.valueOf(to == null ? "" : to);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("report-status-invalid", "status");
        }
        Status from = Status.valueOf(report);
        if (!from.next().contains(target)) {
            throw Refusal.conflict("report-transition", "status", statusName(from), statusName(target));
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > MAX_DESCRIPTION) {
            throw Refusal.invalid("report-description-invalid", "note", MAX_DESCRIPTION);
        }
        jdbc.sql("""
                        update infra_report set status = :status, status_note = :note, status_changed_by = :by,
                            status_changed_at = :now where id = :id""")
                .param("status", target.name())
                .param("note", text)
                .param("by", triager.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        return find(triager, id);
    }

    private static MessageSourceResolvable statusName(Status status) {
        return new DefaultMessageSourceResolvable(new String[] {"infra.status." + status.name()}, status.name());
    }

    public static boolean canTriage(@Nullable Actor actor) {
        return actor != null
                && (actor.hasRole(Role.ORGANISER)
                        || actor.hasRole(Role.PROGRAMME_OFFICER)
                        || actor.hasRole(Role.ADMIN));
    }

    /** A report with the ride density around it: distinct riders, or null when fewer than the map's threshold. */
    public record Exported(Report report, @Nullable Integer ridersAround) {}

    public List<Exported> export(Actor triager) {
        if (!canTriage(triager)) {
            throw Refusal.forbidden("report-triage-forbidden", "status");
        }
        return all(triager, null).stream()
                .map(r -> {
                    int riders = r.segment().isEmpty()
                            ? map.ridersAround(r.lat(), r.lon(), DENSITY_RINGS)
                            : map.ridersAlong(r.segment(), DENSITY_RINGS);
                    return new Exported(r, riders >= RideMap.MIN_RIDERS ? riders : null);
                })
                .toList();
    }

    /** The export as a GeoJSON FeatureCollection (RFC 7946: longitude first). */
    public static Map<String, Object> geoJson(List<Exported> reports) {
        var features = new ArrayList<Map<String, Object>>();
        for (var e : reports) {
            var r = e.report();
            var properties = new java.util.LinkedHashMap<String, @Nullable Object>();
            properties.put("id", r.id().toString());
            properties.put("category", r.category().name());
            properties.put("status", r.status().name());
            properties.put("description", r.description());
            properties.put("confirmations", r.confirmations());
            properties.put("createdAt", r.createdAt().toString());
            properties.put("statusNote", r.statusNote());
            properties.put("ridersAround", e.ridersAround());
            features.add(Map.of(
                    "type",
                    "Feature",
                    "geometry",
                    r.segment().isEmpty()
                            ? Map.of("type", "Point", "coordinates", List.of(r.lon(), r.lat()))
                            : Map.of(
                                    "type",
                                    "LineString",
                                    "coordinates",
                                    r.segment().stream()
                                            .map(p -> List.of(p[1], p[0]))
                                            .toList()),
                    "properties",
                    properties));
        }
        return Map.of("type", "FeatureCollection", "features", features);
    }

    private static final String SELECT = """
                select r.id, r.category, r.lat, r.lon, r.segment::text as segment, r.description, r.photo is not null as has_photo, r.status,
                    r.status_note, r.created_at, r.status_changed_at,
                    (select count(*) from infra_confirmation c where c.report_id = r.id) as confirmations,
                    coalesce(r.reporter_id = cast(:reader as uuid), false) as mine,
                    exists (select 1 from infra_confirmation c where c.report_id = r.id
                        and c.user_id = cast(:reader as uuid)) as confirmed
                from infra_report r""";

    private Report report(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp changed = rs.getTimestamp("status_changed_at");
        return new Report(
                rs.getObject("id", UUID.class),
                Category.valueOf(rs.getString("category")),
                rs.getDouble("lat"),
                rs.getDouble("lon"),
                segmentOf(rs.getString("segment")),
                rs.getString("description"),
                rs.getBoolean("has_photo"),
                Status.valueOf(rs.getString("status")),
                rs.getString("status_note"),
                rs.getInt("confirmations"),
                rs.getTimestamp("created_at").toInstant(),
                changed == null ? null : changed.toInstant(),
                rs.getBoolean("mine"),
                rs.getBoolean("confirmed"));
    }
}
