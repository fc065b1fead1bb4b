package org.lowcarbontogether.rides;

import com.uber.h3core.H3Core;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The public riding map: where people ride, on Uber's H3 grid (resolution {@value #RESOLUTION}, cells of about 0.1
 * km²), by month and time of day. It is kept as rides are credited — each rider once per cell, month and time of day,
 * counting their rides — from the track outside the rider's privacy zones. A cell is shown only when at least
 * {@value #MIN_RIDERS} distinct riders rode through it in the period asked for; the others are not sent at all. A
 * withdrawn ride is taken off again from the cells it was counted into ({@code ride.map_cells}).
 *
 * <p>The public map's GeoJSON is rendered once per period and time of day and kept until the counts of a month in its
 * period change ({@code ride_map_month}, raised by a trigger on every change to {@code ride_cell_rider}), so answering
 * costs one look-up of the versions however many rides there are; cell outlines are computed once per cell. While one
 * request rebuilds a changed map, others get its previous rendering.
 */
@Service
public class RideMap {

    static final int RESOLUTION = 9;
    public static final int MIN_RIDERS = 10;

    /** Times of day, China Standard Time: where each starts (hour). */
    public enum Slot {
        NIGHT(0),
        MORNING(6),
        MIDDAY(10),
        EVENING(16),
        LATE(20);

        final int from;

        Slot(int from) {
            this.from = from;
        }

        static Slot of(Instant instant) {
            int hour = instant.atZone(ProgrammeCalendar.ZONE).getHour();
            Slot slot = NIGHT;
            for (Slot s : values()) {
                if (hour >= s.from) {
                    slot = s;
                }
            }
            return slot;
        }
    }

    private static final int RENDERINGS_KEPT = 256;
    private static final int OUTLINES_KEPT = 200_000;

    private final JdbcClient jdbc;
    private final H3Core h3;
    private final Map<Key, Rendering> renderings = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Rendering> eldest) {
            return size() > RENDERINGS_KEPT;
        }
    };
    private final Map<Long, String> outlines = new ConcurrentHashMap<>();
    private final Set<Key> rebuilding = ConcurrentHashMap.newKeySet();

    private record Key(
            YearMonth from, YearMonth to, @Nullable Slot slot) {}

    private record Rendering(long version, PublicMap map) {}

    /**
     * The public map as GeoJSON (RFC 7946, longitude first), the number of cells in it, its entity tag, and the same
     * GeoJSON compressed with gzip (sent as such to clients that accept it).
     */
    public record PublicMap(String geoJson, int cells, String etag, byte[] gzipped) {}

    RideMap(JdbcClient jdbc) {
        this.jdbc = jdbc;
        try {
            this.h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The H3 cell of a position at the map's resolution. */
    public long cell(double lat, double lon) {
        return h3.latLngToCell(lat, lon, RESOLUTION);
    }

    /**
     * Counts a credited ride into the cells its (privacy-trimmed) track passes through, and keeps those cells with the
     * ride so that {@link #uncount} can take it off again.
     */
    void count(UUID ride, UUID rider, Track visible, Instant start) {
        var cells = new LinkedHashSet<Long>();
        for (var p : visible.points()) {
            cells.add(cell(p.lat(), p.lon()));
        }
        if (cells.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into ride_cell_rider (cell, month, slot, user_id, rides)
                        select c, :month, :slot, :user, 1 from unnest(:cells) as c
                        on conflict (month, slot, cell, user_id) do update set rides = ride_cell_rider.rides + 1""")
                .param("cells", cells.toArray(Long[]::new))
                .param("month", Date.valueOf(month(start)))
                .param("slot", Slot.of(start).name())
                .param("user", rider)
                .update();
        jdbc.sql("update ride set map_cells = :cells where id = :ride")
                .param("cells", cells.toArray(Long[]::new))
                .param("ride", ride)
                .update();
    }

    /**
     * Takes a ride off the map: one ride less for its rider in each cell it was counted into, the rider gone from the
     * cells where it was their only ride. Does nothing for a ride not counted (or already taken off).
     */
    void uncount(UUID ride, UUID rider, Instant start, Long[] cells) {
        var params = Map.<String, Object>of(
                "cells",
                cells,
                "month",
                Date.valueOf(month(start)),
                "slot",
                Slot.of(start).name(),
                "user",
                rider);
        jdbc.sql("""
                        update ride_cell_rider set rides = rides - 1
                        where month = :month and slot = :slot and user_id = :user and cell = any(:cells)""").params(params).update();
        jdbc.sql("""
                        delete from ride_cell_rider
                        where month = :month and slot = :slot and user_id = :user and cell = any(:cells) and rides <= 0""").params(params).update();
        jdbc.sql("update ride set map_cells = null where id = :ride")
                .param("ride", ride)
                .update();
    }

    private static LocalDate month(Instant start) {
        return YearMonth.from(start.atZone(ProgrammeCalendar.ZONE)).atDay(1);
    }

    /** One cell shown on the map: its index, outline (lat, lon pairs), riders and rides. */
    public record Cell(String h3, List<double[]> outline, int riders, int rides) {}

    /** The cells of a period (months, inclusive) and optionally a time of day, each with ten riders or more. */
    public List<Cell> cells(YearMonth from, YearMonth to, @Nullable Slot slot) {
        return cells(from, to, slot, null);
    }

    /**
     * The cells of a period ridden by some riders only (a group's members), or by everyone when {@code riders} is null;
     * each with ten of those riders or more.
     */
    List<Cell> cells(YearMonth from, YearMonth to, @Nullable Slot slot, @Nullable List<UUID> riders) {
        checkPeriod(from, to);
        if (riders != null && riders.size() < MIN_RIDERS) {
            return List.of();
        }
        var cells = new ArrayList<Cell>();
        for (long[] r : rows(from, to, slot, riders)) {
            var outline = h3.cellToBoundary(r[0]).stream()
                    .map(p -> new double[] {p.lat, p.lng})
                    .toList();
            cells.add(new Cell(h3.h3ToString(r[0]), outline, (int) r[1], (int) r[2]));
        }
        return cells;
    }

    /**
     * The cells some riders' rides still credited and started between two instants rode through (the cells each ride
     * was counted into, outside its rider's privacy zones), each with ten of those riders or more: a map of a period
     * to the day, from the rides' current status (a ride counted before the map kept its cells is not on it).
     */
    List<Cell> cellsOfRides(Instant from, Instant to, List<UUID> riders) {
        if (riders.size() < MIN_RIDERS) {
            return List.of();
        }
        var rows = jdbc.sql("""
                        select c.cell, count(distinct r.user_id) as riders, count(*) as rides
                        from ride r cross join lateral unnest(r.map_cells) as c(cell)
                        where r.status = 'CREDITED' and r.user_id = any(:riders)
                          and r.started_at >= :from and r.started_at < :to
                        group by c.cell having count(distinct r.user_id) >= :min order by riders desc limit 5000""")
                .param("riders", riders.toArray(UUID[]::new))
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .param("min", MIN_RIDERS)
                .query((rs, n) -> new long[] {rs.getLong("cell"), rs.getLong("riders"), rs.getLong("rides")})
                .list();
        var cells = new ArrayList<Cell>();
        for (long[] r : rows) {
            var outline = h3.cellToBoundary(r[0]).stream()
                    .map(p -> new double[] {p.lat, p.lng})
                    .toList();
            cells.add(new Cell(h3.h3ToString(r[0]), outline, (int) r[1], (int) r[2]));
        }
        return cells;
    }

    /**
     * The public map of a period and optionally a time of day as GeoJSON, from the rendering kept for them while no
     * count of a month in the period changed.
     */
    public PublicMap publicMap(YearMonth from, YearMonth to, @Nullable Slot slot) {
        checkPeriod(from, to);
        long version = jdbc.sql(
                        "select coalesce(sum(version), 0) from ride_map_month where month between :from and :to")
                .param("from", Date.valueOf(from.atDay(1)))
                .param("to", Date.valueOf(to.atDay(1)))
                .query(Long.class)
                .single();
        var key = new Key(from, to, slot);
        Rendering kept;
        synchronized (renderings) {
            kept = renderings.get(key);
        }
        if (kept != null && kept.version() == version) {
            return kept.map();
        }
        boolean mine = rebuilding.add(key);
        if (!mine && kept != null) {
            // Another request is rebuilding this map: the previous rendering meanwhile (one rebuild per map at a time).
            return kept.map();
        }
        try {
            return render(key, version);
        } finally {
            if (mine) {
                rebuilding.remove(key);
            }
        }
    }

    private PublicMap render(Key key, long version) {
        // Read after the versions: a change committed in between is in these rows and raises the version read next
        // time.
        var rows = rows(key.from(), key.to(), key.slot(), null);
        var json = new StringBuilder(64 + rows.size() * 330).append("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < rows.size(); i++) {
            long[] r = rows.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[")
                    .append(outlines.size() < OUTLINES_KEPT ? outlines.computeIfAbsent(r[0], this::ring) : ring(r[0]))
                    .append("]},\"properties\":{\"h3\":\"")
                    .append(h3.h3ToString(r[0]))
                    .append("\",\"riders\":")
                    .append(r[1])
                    .append(",\"rides\":")
                    .append(r[2])
                    .append("}}");
        }
        json.append("],\"minRiders\":").append(MIN_RIDERS).append('}');
        String body = json.toString();
        var map = new PublicMap(
                body,
                rows.size(),
                "\"" + Integer.toHexString(body.hashCode()) + "-" + Integer.toHexString(body.length()) + "\"",
                gzip(body));
        synchronized (renderings) {
            renderings.put(key, new Rendering(version, map));
        }
        return map;
    }

    private static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream(text.length() / 6 + 64);
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A cell's outline as a closed GeoJSON ring, longitude first. */
    private String ring(long cell) {
        var boundary = h3.cellToBoundary(cell);
        var ring = new StringBuilder(boundary.size() * 44).append('[');
        for (int i = 0; i <= boundary.size(); i++) {
            var p = boundary.get(i % boundary.size());
            ring.append(i == 0 ? "[" : ",[")
                    .append(Math.round(p.lng * 1e7) / 1e7)
                    .append(',')
                    .append(Math.round(p.lat * 1e7) / 1e7)
                    .append(']');
        }
        return ring.append(']').toString();
    }

    private static void checkPeriod(YearMonth from, YearMonth to) {
        if (to.isBefore(from) || from.plusMonths(24).isBefore(to)) {
            throw Refusal.unacceptable("map-period-invalid", "to", 24);
        }
    }

    private List<long[]> rows(YearMonth from, YearMonth to, @Nullable Slot slot, @Nullable List<UUID> riders) {
        return jdbc.sql("""
                        select cell, count(distinct user_id) as riders, sum(rides) as rides
                        from ride_cell_rider
                        where month between :from and :to and (cast(:slot as text) is null or slot = :slot)"""
                        + (riders == null ? "" : " and user_id = any(:riders)")
                        + " group by cell having count(distinct user_id) >= :min order by riders desc limit 5000")
                .param("riders", riders == null ? new UUID[0] : riders.toArray(UUID[]::new))
                .param("from", Date.valueOf(from.atDay(1)))
                .param("to", Date.valueOf(to.atDay(1)))
                .param("slot", slot == null ? null : slot.name())
                .param("min", MIN_RIDERS)
                .query((rs, n) -> new long[] {rs.getLong("cell"), rs.getLong("riders"), rs.getLong("rides")})
                .list();
    }

    /**
     * Distinct riders of all time in the cells within {@code rings} of a polyline's positions ([lat, lon]) and of
     * points every 50 m between them (the density around a report's segment).
     */
    int ridersAlong(List<double[]> line, int rings) {
        var cells = new LinkedHashSet<Long>();
        for (int i = 0; i < line.size(); i++) {
            var b = line.get(i);
            var a = i == 0 ? b : line.get(i - 1);
            int steps = Math.max(1, (int) Math.ceil(Track.metres(a[0], a[1], b[0], b[1]) / 50));
            for (int s = 1; s <= steps; s++) {
                double f = (double) s / steps;
                cells.addAll(h3.gridDisk(cell(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f), rings));
            }
        }
        return jdbc.sql("select count(distinct user_id) from ride_cell_rider where cell = any(:cells)")
                .param("cells", cells.toArray(Long[]::new))
                .query(Integer.class)
                .single();
    }

    /** Distinct riders of all time in the cells within {@code rings} of a position (the density around a report). */
    int ridersAround(double lat, double lon, int rings) {
        var cells = h3.gridDisk(cell(lat, lon), rings);
        return jdbc.sql("select count(distinct user_id) from ride_cell_rider where cell = any(:cells)")
                .param("cells", cells.toArray(Long[]::new))
                .query(Integer.class)
                .single();
    }
}
