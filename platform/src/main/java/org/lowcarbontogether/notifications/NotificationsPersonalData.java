package org.lowcarbontogether.notifications;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the notifications module holds about a person: their notifications, their choices per kind, what was sent to
 * them once (so it is not sent again), their weekly goal — all deleted with the account — and the announcements they
 * posted as an organiser, kept for the members who received them.
 */
@Component
class NotificationsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    NotificationsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("notification", "notifications", Treatment.DELETED, "user_id"),
                Holding.of("notification_preference", "notification-preferences", Treatment.DELETED, "user_id"),
                Holding.of("notification_sent", "notices-sent", Treatment.DELETED, "user_id"),
                Holding.of("weekly_goal", "weekly-goal", Treatment.DELETED, "user_id"),
                Holding.of("announcement", "announcements-posted", Treatment.KEPT, "user_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("notifications", PersonalData.query(jdbc, """
                        select id, kind, message, params, link, created_at, read_at
                        from notification where user_id = :person order by created_at""", person));
        export.kind("notification-preferences", PersonalData.query(jdbc, """
                        select kind, in_app, email, updated_at
                        from notification_preference where user_id = :person order by kind""", person));
        export.kind(
                "notices-sent",
                PersonalData.query(
                        jdbc,
                        "select key, sent_at from notification_sent where user_id = :person order by sent_at",
                        person));
        export.kind(
                "weekly-goal",
                PersonalData.query(
                        jdbc, "select measure, target, updated_at from weekly_goal where user_id = :person", person));
        export.kind("announcements-posted", PersonalData.query(jdbc, """
                        select id, scope_kind, scope_id, organisation_id, title, body, created_at, recipients
                        from announcement where user_id = :person order by created_at""", person));
    }

    @Override
    public void erase(Erasure erasure) {
        for (String table : List.of("notification", "notification_preference", "notification_sent", "weekly_goal")) {
            jdbc.sql("delete from " + table + " where user_id = :person")
                    .param("person", erasure.person())
                    .update();
        }
    }
}
