package org.lowcarbontogether.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.lowcarbontogether.shared.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How each person wants each kind delivered: in the app, by email, both or neither. */
@Service
public class Preferences {

    /** One kind's channels for a person. */
    public record Preference(NotificationKind kind, boolean inApp, boolean email) {

        public boolean any() {
            return inApp || email;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Preferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Every kind's channels for a person, their choice or the kind's default, in the kinds' order. */
    @Transactional(readOnly = true)
    public List<Preference> of(UUID userId) {
        Map<NotificationKind, Preference> chosen = new EnumMap<>(NotificationKind.class);
        jdbc.sql("select kind, in_app, email from notification_preference where user_id = :user")
                .param("user", userId)
                .query(rs -> {
                    var kind = NotificationKind.parse(rs.getString(1));
                    if (kind.isPresent()) {
                        chosen.put(kind.get(), new Preference(kind.get(), rs.getBoolean(2), rs.getBoolean(3)));
                    }
                });
        List<Preference> all = new ArrayList<>();
        for (NotificationKind kind : NotificationKind.values()) {
            all.add(chosen.getOrDefault(kind, new Preference(kind, kind.inAppByDefault(), kind.emailByDefault())));
        }
        return all;
    }

    /** One kind's channels for a person. */
    @Transactional(readOnly = true)
    public Preference of(UUID userId, NotificationKind kind) {
        return jdbc.sql("select in_app, email from notification_preference where user_id = :user and kind = :kind")
                .param("user", userId)
                .param("kind", kind.name())
                .query((rs, n) -> new Preference(kind, rs.getBoolean(1), rs.getBoolean(2)))
                .optional()
                .orElse(new Preference(kind, kind.inAppByDefault(), kind.emailByDefault()));
    }

    /** The people who chose a kind that is off by default, by either channel. */
    @Transactional(readOnly = true)
    public List<UUID> choosing(NotificationKind kind) {
        if (kind.inAppByDefault() || kind.emailByDefault()) {
            throw new IllegalArgumentException(kind + " is on by default: everyone chooses it unless they said no");
        }
        return jdbc.sql("""
                        select user_id from notification_preference
                        where kind = :kind and (in_app or email) order by user_id""").param("kind", kind.name()).query(UUID.class).list().stream()
                .map(Objects::requireNonNull)
                .toList();
    }

    /** The caller sets their channels for the kinds given; kinds not given keep theirs. */
    @Transactional
    public List<Preference> set(Actor me, List<Preference> preferences) {
        for (Preference p : preferences) {
            set(me.id(), p);
        }
        return of(me.id());
    }

    /** One kind's channels, as set by its person (directly or by an unsubscribe link). */
    @Transactional
    void set(UUID userId, Preference preference) {
        jdbc.sql("""
                        insert into notification_preference (user_id, kind, in_app, email, updated_at)
                        values (:user, :kind, :inApp, :email, :now)
                        on conflict (user_id, kind) do update
                        set in_app = excluded.in_app, email = excluded.email, updated_at = excluded.updated_at""")
                .param("user", userId)
                .param("kind", preference.kind().name())
                .param("inApp", preference.inApp())
                .param("email", preference.email())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Turns a kind's email off for a person at once, keeping its in-app choice; true when it was on. */
    @Transactional
    boolean emailOff(UUID userId, NotificationKind kind) {
        var current = of(userId, kind);
        set(userId, new Preference(kind, current.inApp(), false));
        return current.email();
    }
}
