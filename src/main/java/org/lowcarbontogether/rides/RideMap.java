package org.lowcarbontogether.rides;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The public riding map: where people ride, on Uber's H3 grid (resolution {@value #RESOLUTION}, cells of about 0.1
 * km²), by month and time of day. It is kept as rides are credited — each rider once per cell, month and time of day,
 * counting their rides — from the track outside the rider's privacy zones. A cell is shown only when at least
 * {@value #MIN_RIDERS} distinct riders rode through it in the period asked for; the others are not sent at all.
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

    private final JdbcClient jdbc;
    private final H3Core h3;

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

    /** Counts a credited ride into the cells its (privacy-trimmed) track passes through. */
    void count(UUID rider, Track visible, Instant start) {
        var cells = new LinkedHashSet<Long>();
        for (var p : visible.points()) {
            cells.add(cell(p.lat(), p.lon()));
        }
        if (cells.isEmpty()) {
            return;
        }
        LocalDate month = YearMonth.from(start.atZone(ProgrammeCalendar.ZONE)).atDay(1);
        jdbc.sql("""
                        insert into ride_cell_rider (cell, month, slot, user_id, rides)
                        select c, :month, :slot, :user, 1 from unnest(:cells) as c
                        on conflict (month, slot, cell, user_id) do update set rides = ride_cell_rider.rides + 1""")
                .param("cells", cells.toArray(Long[]::new))
                .param("month", Date.valueOf(month))
                .param("slot", Slot.of(start).name())
                .param("user", rider)
                .update();
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
        if (to.isBefore(from) || from.plusMonths(24).isBefore(to)) {
            throw Refusal.unacceptable("map-period-invalid", "to", 24);
        }
        if (riders != null && riders.size() < MIN_RIDERS) {
            return List.of();
        }
        var rows = jdbc.sql("""
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
                .query((rs, n) -> new long[] {rs.getLong("cell"), rs.getInt("riders"), rs.getInt("rides")})
                .list();
        var cells = new ArrayList<Cell>(rows.size());
        for (long[] r : rows) {
            var outline = h3.cellToBoundary(r[0]).stream()
                    .map(p -> new double[] {p.lat, p.lng})
                    .toList();
            cells.add(new Cell(h3.h3ToString(r[0]), outline, (int) r[1], (int) r[2]));
        }
        return cells;
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
