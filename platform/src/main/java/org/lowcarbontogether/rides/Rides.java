package org.lowcarbontogether.rides;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rides from GPS files: read ({@link TrackFiles}), judged by the track rules ({@link TrackRules}), credited through the
 * one record path with GPS evidence ({@link Recording#submitRide}: once per track, whoever uploads it and whichever
 * partner reports it with the same claim key), and kept for their rider — the track until they delete it, the summary
 * and the credit's provenance for good. Nobody but the rider reads a ride.
 */
@Service
public class Rides {

    /** What was ridden: the rules' speed limit and the methodology's behaviour depend on it. */
    public enum Vehicle {
        BICYCLE,
        SHARED_BICYCLE,
        EBIKE
    }

    /** What the ride replaced, as the rider says. */
    public enum Replaced {
        CAR,
        TAXI,
        BUS,
        METRO,
        NOTHING
    }

    /** Where a ride ended: a record's status, refused by the track rules or claims, or not credited for want of a behaviour. */
    public enum Status {
        CREDITED,
        FLAGGED,
        REJECTED,
        REVERSED,
        REFUSED,
        NOT_CREDITED
    }

    /** How many files one upload may carry. */
    public static final int MAX_FILES = 20;

    private final Recording recording;
    private final Methodology methodology;
    private final RideMap map;
    private final PrivacyZones zones;
    private final MetroLines metroLines;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Rides(
            Recording recording,
            Methodology methodology,
            RideMap map,
            PrivacyZones zones,
            MetroLines metroLines,
            JdbcClient jdbc,
            JsonMapper json,
            Clock clock) {
        this.recording = recording;
        this.methodology = methodology;
        this.map = map;
        this.zones = zones;
        this.metroLines = metroLines;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A file as uploaded. */
    public record Upload(@Nullable String fileName, byte[] bytes) {}

    /** What the rider says about the rides they upload. */
    public record Choices(Vehicle vehicle, Replaced replaced) {}

    /**
     * What became of one file: its ride (new, or the one stored before for the same track — {@code again}), or the
     * refusal that kept it from becoming one.
     */
    public record Outcome(
            @Nullable String fileName,
            @Nullable RideView ride,
            boolean again,
            @Nullable Refusal refusal) {}

    /** A ride as its rider sees it. */
    public record RideView(
            UUID id,
            String fileName,
            String format,
            Vehicle vehicle,
            Replaced replaced,
            Instant startedAt,
            Instant endedAt,
            int distanceMetres,
            int movingSeconds,
            int elapsedSeconds,
            BigDecimal averageKmh,
            BigDecimal maxKmh,
            int points,
            Status status,
            List<String> reasons,
            String rulesVersion,
            @Nullable UUID recordId,
            @Nullable String behaviour,
            @Nullable Long grams,
            @Nullable String methodologyVersion,
            @Nullable RecordReceipt receipt,
            boolean trackKept,
            @Nullable Instant trackDeletedAt) {}

    /** Uploads files, each on its own: one bad file never keeps the others out. */
    public List<Outcome> upload(Actor rider, List<Upload> files, Choices choices) {
        if (files.isEmpty()) {
            throw Refusal.invalid("ride-files-required", "files");
        }
        if (files.size() > MAX_FILES) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "ride-too-many-files", "files", MAX_FILES);
        }
        var outcomes = new ArrayList<Outcome>();
        for (var file : files) {
            try {
                outcomes.add(one(rider.id(), file, choices, false));
            } catch (Refusal refusal) {
                outcomes.add(new Outcome(file.fileName(), null, false, refusal));
            }
        }
        return outcomes;
    }

    /** Imports one ride in the caller's transaction (demo data). */
    public Outcome importInTransaction(UUID rider, Upload file, Choices choices) {
        return one(rider, file, choices, true);
    }

    private Outcome one(UUID rider, Upload file, Choices choices, boolean inTransaction) {
        var format = TrackFiles.format(file.fileName(), file.bytes());
        var track = TrackFiles.read(file.fileName(), file.bytes());
        String trackKey = "gps-track:" + track.fingerprint();
        var earlier = jdbc.sql("select id from ride where user_id = :user and track_key = :key")
                .param("user", rider)
                .param("key", trackKey)
                .query(UUID.class)
                .optional();
        if (earlier.isPresent()) {
            return new Outcome(file.fileName(), find(rider, earlier.get()), true, null);
        }
        var summary = track.summary();
        var verdict = TrackRules.judge(track, choices.vehicle());
        var holding = new ArrayList<>(verdict.holding());
        if (overlapsEarlierRide(rider, track)) {
            holding.add("RIDE_OVERLAP");
        }
        boolean metro = metroLines.followsLine(track);
        if (metro) {
            holding.add("RIDE_METRO");
        }
        UUID id = UUID.randomUUID();
        String fileName = file.fileName() == null || file.fileName().isBlank()
                ? format.name().toLowerCase(java.util.Locale.ROOT)
                : file.fileName().strip();
        if (fileName.length() > 200) {
            fileName = fileName.substring(0, 200);
        }
        Status status;
        List<String> reasons;
        RecordReceipt receipt = null;
        String receiptJson = null;
        String behaviour = behaviour(choices);
        // A taxi, bus or metro trip keeps the rule of the ride's own day: its behaviour exists from methodology 1.3.0,
        // and
        // on a day whose version lacks it the ride credits nothing, as before. A car trip is credited as it always was.
        boolean inEffect = behaviour != null
                && (choices.replaced() == Replaced.CAR
                        || methodology
                                .inEffectOn(ProgrammeCalendar.dayOf(track.start()))
                                .flatMap(v -> v.behaviour(behaviour))
                                .isPresent());
        if (verdict.refused()) {
            status = Status.REFUSED;
            reasons = new ArrayList<>(verdict.refusing());
            if (metro) {
                // Refused for another rule; the rider also learns the track followed a metro line.
                reasons.add("RIDE_METRO");
            }
        } else if (behaviour == null || !inEffect) {
            status = Status.NOT_CREDITED;
            reasons = List.of("NO_BEHAVIOUR");
        } else {
            var submission = new RecordSubmission(
                    behaviour,
                    BigDecimal.valueOf(summary.distanceMetres() / 1000).setScale(2, RoundingMode.HALF_DOWN),
                    "km",
                    OffsetDateTime.ofInstant(track.start(), ZoneOffset.UTC),
                    null,
                    "GPS",
                    Map.of(),
                    (int) Math.max(1, Math.ceilDiv(summary.elapsedSeconds(), 60)),
                    null);
            var source = new Recording.RideSource(trackKey, holding);
            try {
                var outcome = inTransaction
                        ? recording.submitRideInTransaction(rider, trackKey, submission, source)
                        : recording.submitRide(rider, trackKey, submission, source);
                receipt = outcome.receipt();
                receiptJson = outcome.receiptJson();
                status = Status.valueOf(receipt.status().name());
                reasons = receipt.reasons();
            } catch (Refusal refusal) {
                if (!refusal.code().equals("already-claimed")) {
                    throw refusal;
                }
                status = Status.REFUSED;
                reasons = List.of("DUPLICATE_TRACK");
            }
        }
        jdbc.sql("""
                        insert into ride (id, user_id, file_name, format, track_key, vehicle, replaced, started_at,
                            ended_at, distance_m, moving_seconds, elapsed_seconds, average_kmh, max_kmh, points, status,
                            reasons, rules_version, record_id, behaviour, grams, methodology_version, receipt, track,
                            uploaded_at)
                        values (:id, :user, :file, :format, :key, :vehicle, :replaced, :started, :ended, :distance,
                            :moving, :elapsed, :average, :max, :points, :status, :reasons, :rules, :record, :behaviour,
                            :grams, :version, cast(:receipt as jsonb), cast(:track as jsonb), :now)""")
                .param("id", id)
                .param("user", rider)
                .param("file", fileName)
                .param("format", format.name())
                .param("key", trackKey)
                .param("vehicle", choices.vehicle().name())
                .param("replaced", choices.replaced().name())
                .param("started", Timestamp.from(track.start()))
                .param("ended", Timestamp.from(track.end()))
                .param("distance", (int) Math.round(summary.distanceMetres()))
                .param("moving", (int) summary.movingSeconds())
                .param("elapsed", (int) summary.elapsedSeconds())
                .param("average", BigDecimal.valueOf(summary.averageMovingKmh()).setScale(1, RoundingMode.HALF_UP))
                .param("max", BigDecimal.valueOf(summary.maxKmh()).setScale(1, RoundingMode.HALF_UP))
                .param("points", track.points().size())
                .param("status", status.name())
                .param("reasons", reasons.toArray(String[]::new))
                .param("rules", TrackRules.VERSION)
                .param("record", receipt == null ? null : receipt.id())
                .param("behaviour", receipt == null ? behaviour : receipt.behaviour())
                .param("grams", receipt == null ? null : receipt.reductionGrams())
                .param("version", receipt == null ? null : receipt.methodology().version())
                .param("receipt", receiptJson)
                .param("track", trackJson(track))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (status == Status.CREDITED) {
            map.count(id, rider, track.outside(zones.of(rider)), track.start());
        }
        return new Outcome(file.fileName(), find(rider, id), false, null);
    }

    /**
     * The methodology's behaviour for what was ridden instead of what; none for a trip no behaviour models. A bicycle,
     * own or shared, replacing a taxi, a bus or the metro has its behaviour from methodology 1.3.0 on (the rider
     * declares the mode, so a shared bicycle needs no operator's substitution share); an e-bike replacing them has none.
     */
    static @Nullable String behaviour(Choices choices) {
        boolean bicycle = choices.vehicle() != Vehicle.EBIKE;
        return switch (choices.replaced()) {
            case CAR ->
                switch (choices.vehicle()) {
                    case BICYCLE -> "CYCLE_INSTEAD_OF_CAR";
                    case SHARED_BICYCLE -> "BIKE_SHARE_INSTEAD_OF_CAR";
                    case EBIKE -> "SHARED_EBIKE_INSTEAD_OF_CAR";
                };
            case TAXI -> bicycle ? "CYCLE_INSTEAD_OF_TAXI" : null;
            case BUS -> bicycle ? "CYCLE_INSTEAD_OF_BUS" : null;
            case METRO -> bicycle ? "CYCLE_INSTEAD_OF_METRO" : null;
            case NOTHING -> null;
        };
    }

    private boolean overlapsEarlierRide(UUID rider, Track track) {
        return jdbc.sql("""
                        select exists (select 1 from ride where user_id = :user and status <> 'REFUSED'
                            and started_at < :end and ended_at > :start)""")
                .param("user", rider)
                .param("start", Timestamp.from(track.start()))
                .param("end", Timestamp.from(track.end()))
                .query(Boolean.class)
                .single();
    }

    private String trackJson(Track track) {
        var rows = new ArrayList<List<Object>>(track.points().size());
        for (var p : track.points()) {
            rows.add(List.of(round(p.lat()), round(p.lon()), p.time().getEpochSecond()));
        }
        return json.writeValueAsString(rows);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    /** The rider's rides, newest first. */
    public List<RideView> mine(Actor rider) {
        return jdbc.sql(SELECT + " where user_id = :user order by started_at desc limit 200")
                .param("user", rider.id())
                .query(this::view)
                .list();
    }

    /** One ride, for its rider only: anyone else is told there is no such ride. */
    public RideView ride(Actor reader, UUID id) {
        return find(reader.id(), id);
    }

    private RideView find(UUID reader, UUID id) {
        return jdbc.sql(SELECT + " where id = :id and user_id = :user")
                .param("id", id)
                .param("user", reader)
                .query(this::view)
                .optional()
                .orElseThrow(() -> Refusal.notFound("ride-not-found", "id"));
    }

    /**
     * The ride's track for its rider's own view, whole (their privacy zones hide its ends only from others); empty once
     * deleted.
     */
    public List<Track.Point> track(Actor reader, UUID id) {
        find(reader.id(), id);
        String stored = jdbc.sql("select track::text from ride where id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse(null);
        return stored == null ? List.of() : points(stored);
    }

    List<Track.Point> points(String stored) {
        var rows = json.readValue(stored, double[][].class);
        var points = new ArrayList<Track.Point>(rows.length);
        for (double[] r : rows) {
            points.add(new Track.Point(r[0], r[1], Instant.ofEpochSecond((long) r[2])));
        }
        return points;
    }

    /** Deletes the ride's stored track; its summary and its credit's provenance stay. */
    public RideView deleteTrack(Actor rider, UUID id) {
        find(rider.id(), id);
        jdbc.sql("""
                        update ride set track = null, track_deleted_at = coalesce(track_deleted_at, :now)
                        where id = :id and user_id = :user""")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("user", rider.id())
                .update();
        return find(rider.id(), id);
    }

    private static final String SELECT = """
            select id, file_name, format, vehicle, replaced, started_at, ended_at, distance_m, moving_seconds,
                elapsed_seconds, average_kmh, max_kmh, points, status, reasons, rules_version, record_id, behaviour,
                grams, methodology_version, receipt::text as receipt, track is not null as track_kept, track_deleted_at
            from ride""";

    private RideView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String receipt = rs.getString("receipt");
        Timestamp deleted = rs.getTimestamp("track_deleted_at");
        long grams = rs.getLong("grams");
        boolean noGrams = rs.wasNull();
        return new RideView(
                rs.getObject("id", UUID.class),
                rs.getString("file_name"),
                rs.getString("format"),
                Vehicle.valueOf(rs.getString("vehicle")),
                Replaced.valueOf(rs.getString("replaced")),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("ended_at").toInstant(),
                rs.getInt("distance_m"),
                rs.getInt("moving_seconds"),
                rs.getInt("elapsed_seconds"),
                rs.getBigDecimal("average_kmh"),
                rs.getBigDecimal("max_kmh"),
                rs.getInt("points"),
                Status.valueOf(rs.getString("status")),
                List.of((String[]) rs.getArray("reasons").getArray()),
                rs.getString("rules_version"),
                rs.getObject("record_id", UUID.class),
                rs.getString("behaviour"),
                noGrams ? null : grams,
                rs.getString("methodology_version"),
                receipt == null ? null : json.readValue(receipt, RecordReceipt.class),
                rs.getBoolean("track_kept"),
                deleted == null ? null : deleted.toInstant());
    }
}
