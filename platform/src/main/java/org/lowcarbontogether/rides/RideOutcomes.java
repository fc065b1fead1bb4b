package org.lowcarbontogether.rides;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.recording.RecordApproved;
import org.lowcarbontogether.recording.RecordRejected;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a ride's status with its record's after the upload: a held ride a reviewer approved becomes credited (and is
 * counted on the public map from its track outside the rider's privacy zones, if the rider still keeps it), one a
 * reviewer rejected becomes rejected, a withdrawn one reversed — and taken off the public map from the cells it was
 * counted into.
 */
@Component
class RideOutcomes {

    private final JdbcClient jdbc;
    private final RideMap map;
    private final PrivacyZones zones;
    private final Rides rides;

    RideOutcomes(JdbcClient jdbc, RideMap map, PrivacyZones zones, Rides rides) {
        this.jdbc = jdbc;
        this.map = map;
        this.zones = zones;
        this.rides = rides;
    }

    private record Approved(UUID ride, UUID user, @Nullable String track, Instant start) {}

    private record Counted(
            UUID ride,
            UUID user,
            Instant start,
            Long @Nullable [] cells,
            @Nullable String track) {}

    /** Approved by a reviewer: first credits are not announced here, so ride uploads pay nothing for this. */
    @ApplicationModuleListener
    void on(RecordApproved approved) {
        if (!approved.evidence().equals("GPS")) {
            return;
        }
        var credited = jdbc.sql("""
                        update ride set status = 'CREDITED' where record_id = :record and status = 'FLAGGED'
                        returning id, user_id, track::text as track, started_at""")
                .param("record", approved.recordId())
                .query((rs, n) -> new Approved(
                        rs.getObject("id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getString("track"),
                        rs.getTimestamp("started_at").toInstant()))
                .list();
        for (var a : credited) {
            if (a.track() != null) {
                var track = new Track(rides.points(a.track()));
                map.count(a.ride(), a.user(), track.outside(zones.of(a.user())), a.start());
            }
        }
    }

    @ApplicationModuleListener
    void on(RecordRejected rejected) {
        jdbc.sql("update ride set status = 'REJECTED' where record_id = :record and status = 'FLAGGED'")
                .param("record", rejected.recordId())
                .update();
    }

    @ApplicationModuleListener
    void on(ReductionReversed reversed) {
        var counted = jdbc.sql("""
                        select id, user_id, started_at, map_cells, track::text as track, status from ride
                        where record_id = :record for update""")
                .param("record", reversed.recordId())
                .query((rs, n) -> {
                    var cells = rs.getArray("map_cells");
                    return new Counted(
                            rs.getObject("id", UUID.class),
                            rs.getObject("user_id", UUID.class),
                            rs.getTimestamp("started_at").toInstant(),
                            cells == null ? null : (Long[]) cells.getArray(),
                            rs.getString("status").equals("CREDITED") ? rs.getString("track") : null);
                })
                .list();
        jdbc.sql("update ride set status = 'REVERSED' where record_id = :record")
                .param("record", reversed.recordId())
                .update();
        for (var c : counted) {
            var cells = c.cells();
            if (cells == null && c.track() != null) {
                // Counted before the map kept its cells: the track outside the rider's privacy zones as they are now.
                var track = new Track(rides.points(c.track()));
                cells = track.outside(zones.of(c.user())).points().stream()
                        .map(p -> map.cell(p.lat(), p.lon()))
                        .distinct()
                        .toArray(Long[]::new);
            }
            if (cells != null && cells.length > 0) {
                map.uncount(c.ride(), c.user(), c.start(), cells);
            }
        }
    }
}
