package org.lowcarbontogether.events;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person's event registrations (check-in and credit included) and, as an organiser, the events they created and the
 * check-ins they made or confirmed. Deleting the account cancels the registrations they had not attended (their places
 * free up); attended ones stay in the event's attendance under the account's id.
 */
@Component
class EventsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    EventsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("event", "events-created", Treatment.KEPT, "created_by"),
                Holding.of("event_registration", "event-registrations", Treatment.CLEARED, "user_id"),
                Holding.of("event_registration", "check-ins-made", Treatment.KEPT, "checked_in_by", "confirmed_by"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("events-created", PersonalData.query(jdbc, """
                        select id, organisation_id, title, kind, starts_at, ends_at, created_at
                        from event where created_by = :person order by created_at""", person));
        export.kind("event-registrations", PersonalData.query(jdbc, """
                        select r.event_id, e.title as event, e.starts_at, r.registered_at, r.cancelled_at, r.checked_in_at,
                            r.check_in_method, r.confirmed_at, r.credit_status, r.credit_reason, r.record_id, r.credited_grams
                        from event_registration r join event e on e.id = r.event_id
                        where r.user_id = :person order by r.registered_at""", person));
        // Check-ins made or confirmed as an organiser: what was done, not who was checked in.
        export.kind("check-ins-made", PersonalData.query(jdbc, """
                        select r.event_id, e.title as event, r.check_in_method, r.checked_in_at, r.confirmed_at
                        from event_registration r join event e on e.id = r.event_id
                        where (r.checked_in_by = :person or r.confirmed_by = :person) and r.user_id <> :person
                        order by r.checked_in_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        jdbc.sql("""
                        update event_registration set cancelled_at = :at
                        where user_id = :person and cancelled_at is null and checked_in_at is null""")
                .param("at", Timestamp.from(erasure.at()))
                .param("person", erasure.person())
                .update();
    }
}
