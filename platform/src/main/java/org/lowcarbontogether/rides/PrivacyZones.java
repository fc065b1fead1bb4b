package org.lowcarbontogether.rides;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A rider's privacy zones (home, work): circles around which the first and last stretch of each of their rides is
 * hidden from everyone but them — on the public map and anywhere else a ride's points could be seen.
 */
@Service
public class PrivacyZones {

    /** The most zones one rider keeps. */
    static final int MAX_ZONES = 5;

    static final int DEFAULT_RADIUS = 400;

    private final JdbcClient jdbc;
    private final Clock clock;

    PrivacyZones(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Zone(UUID id, String label, double lat, double lon, int radiusMetres) {}

    public List<Zone> of(Actor rider) {
        return of(rider.id());
    }

    List<Zone> of(UUID rider) {
        return jdbc.sql(
                        "select id, label, lat, lon, radius_m from privacy_zone where user_id = :user order by created_at")
                .param("user", rider)
                .query((rs, n) -> new Zone(
                        rs.getObject("id", UUID.class),
                        rs.getString("label"),
                        rs.getDouble("lat"),
                        rs.getDouble("lon"),
                        rs.getInt("radius_m")))
                .list();
    }

    public Zone add(
            Actor rider, @Nullable String label, @Nullable Double lat, @Nullable Double lon, @Nullable Integer radius) {
        var problems = new ArrayList<Refusal.Violation>();
        String name = label == null ? "" : label.strip();
        if (name.isEmpty() || name.length() > 60) {
            problems.add(Refusal.Violation.of("label", "zone-label-invalid", 60));
        }
        if (lat == null || lat < -90 || lat > 90) {
            problems.add(Refusal.Violation.of("lat", "latitude-invalid"));
        }
        if (lon == null || lon < -180 || lon > 180) {
            problems.add(Refusal.Violation.of("lon", "longitude-invalid"));
        }
        int metres = radius == null ? DEFAULT_RADIUS : radius;
        if (metres < 100 || metres > 2000) {
            problems.add(Refusal.Violation.of("radius", "zone-radius-invalid", 100, 2000));
        }
        if (!problems.isEmpty()) {
            throw Refusal.invalid(problems);
        }
        if (of(rider.id()).size() >= MAX_ZONES) {
            throw Refusal.conflict("zone-limit", "label", MAX_ZONES);
        }
        var zone = new Zone(UUID.randomUUID(), name, Objects.requireNonNull(lat), Objects.requireNonNull(lon), metres);
        jdbc.sql("""
                        insert into privacy_zone (id, user_id, label, lat, lon, radius_m, created_at)
                        values (:id, :user, :label, :lat, :lon, :radius, :now)""")
                .param("id", zone.id())
                .param("user", rider.id())
                .param("label", zone.label())
                .param("lat", zone.lat())
                .param("lon", zone.lon())
                .param("radius", zone.radiusMetres())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return zone;
    }

    public void remove(Actor rider, UUID id) {
        int removed = jdbc.sql("delete from privacy_zone where id = :id and user_id = :user")
                .param("id", id)
                .param("user", rider.id())
                .update();
        if (removed == 0) {
            throw Refusal.notFound("zone-not-found", "id");
        }
    }
}
