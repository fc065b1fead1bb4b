package org.lowcarbontogether.rides;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A rider's rides (summaries, credits and tracks), privacy zones, their part in the public map's aggregate, and their
 * infrastructure reports and confirmations. Deleting the account deletes the rides, zones, map counts and
 * confirmations, and keeps the reports for the city without their reporter; the credited records stay with the
 * recording module under the account's id.
 */
@Component
class RidesPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    RidesPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("ride", "rides", Treatment.DELETED, "user_id"),
                Holding.of("privacy_zone", "privacy-zones", Treatment.DELETED, "user_id"),
                Holding.of("ride_cell_rider", "ride-map-cells", Treatment.DELETED, "user_id"),
                Holding.of("infra_report", "infrastructure-reports", Treatment.CLEARED, "reporter_id"),
                Holding.of("infra_report", "infrastructure-triage", Treatment.KEPT, "status_changed_by"),
                Holding.of("infra_confirmation", "infrastructure-confirmations", Treatment.DELETED, "user_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("rides", PersonalData.query(jdbc, """
                        select id, file_name, format, vehicle, replaced, started_at, ended_at, distance_m, moving_seconds,
                            elapsed_seconds, average_kmh, max_kmh, points, status, reasons, record_id, behaviour, grams,
                            methodology_version, track::text as track, track_deleted_at, uploaded_at
                        from ride where user_id = :person order by started_at""", person));
        export.kind("privacy-zones", PersonalData.query(jdbc, """
                        select label, lat, lon, radius_m, created_at from privacy_zone
                        where user_id = :person order by created_at""", person));
        export.kind("ride-map-cells", PersonalData.query(jdbc, """
                        select cell, month, slot, rides from ride_cell_rider
                        where user_id = :person order by month, slot, cell""", person));
        export.kind("infrastructure-reports", PersonalData.query(jdbc, """
                        select id, category, lat, lon, segment::text as segment, description, status, status_note,
                            created_at
                        from infra_report where reporter_id = :person order by created_at""", person));
        export.kind("infrastructure-triage", PersonalData.query(jdbc, """
                        select id, category, status, status_note, status_changed_at
                        from infra_report where status_changed_by = :person order by status_changed_at""", person));
        export.kind("infrastructure-confirmations", PersonalData.query(jdbc, """
                        select report_id, confirmed_at from infra_confirmation
                        where user_id = :person order by confirmed_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        for (String sql : List.of(
                "delete from ride where user_id = :person",
                "delete from privacy_zone where user_id = :person",
                "delete from ride_cell_rider where user_id = :person",
                "delete from infra_confirmation where user_id = :person",
                "update infra_report set reporter_id = null where reporter_id = :person")) {
            jdbc.sql(sql).param("person", erasure.person()).update();
        }
    }
}
