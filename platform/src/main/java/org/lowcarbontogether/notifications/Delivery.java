package org.lowcarbontogether.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivers a notice once: it claims the notice's sent-marker (person and key) and, only when the claim is new, keeps
 * it in the person's list and writes its email as the person chose for its kind — all in the caller's transaction.
 * A second delivery of the same notice, from another instance, a job run again or a redelivered event, waits for the
 * first's transaction on the marker's key and then finds it: nothing is sent twice.
 */
@Component
class Delivery {

    private final JdbcClient jdbc;
    private final Preferences preferences;
    private final Notifications notifications;
    private final NoticeMail mail;
    private final Clock clock;

    Delivery(JdbcClient jdbc, Preferences preferences, Notifications notifications, NoticeMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.notifications = notifications;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * Delivers the notice unless it was before; true when this call delivered it by some channel (a person who wants
     * the kind by neither is marked as done, and counted as not reached).
     */
    @Transactional
    boolean deliver(Notice notice) {
        if (!claim(notice.userId(), notice.key())) {
            return false;
        }
        var preference = preferences.of(notice.userId(), notice.kind());
        if (preference.inApp()) {
            notifications.store(notice);
        }
        if (preference.email()) {
            mail.send(notice);
        }
        return preference.any();
    }

    /** Whether the notice was delivered to the person already (its marker is committed or held by this transaction). */
    @Transactional(readOnly = true)
    boolean delivered(UUID userId, String key) {
        return jdbc.sql("select count(*) from notification_sent where user_id = :user and key = :key")
                        .param("user", userId)
                        .param("key", key)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Claims a notice's marker for this transaction; false when it was claimed before or the person is gone. */
    private boolean claim(UUID userId, String key) {
        return jdbc.sql("""
                                insert into notification_sent (user_id, key, sent_at)
                                select id, :key, :now from app_user where id = :user
                                on conflict (user_id, key) do nothing""")
                        .param("user", userId)
                        .param("key", key)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }
}
