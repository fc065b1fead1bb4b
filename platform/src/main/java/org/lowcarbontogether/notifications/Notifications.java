package org.lowcarbontogether.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A person's in-app notifications: newest first, unread until they open or mark them. */
@Service
public class Notifications {

    /** A notification as its person sees it; its title and text are messages with these arguments. */
    public record Notification(
            UUID id,
            NotificationKind kind,
            String message,
            List<Object> args,
            @Nullable String link,
            Instant createdAt,
            @Nullable Instant readAt) {

        public Notification {
            args = List.copyOf(args);
        }

        public String titleKey() {
            return "notifications.message." + message + ".title";
        }

        public String textKey() {
            return "notifications.message." + message + ".text";
        }

        public Object[] arguments() {
            return args.toArray();
        }

        public boolean unread() {
            return readAt == null;
        }
    }

    private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Notifications(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A person's newest notifications, at most {@code limit}, older than {@code before} when given. */
    @Transactional(readOnly = true)
    public List<Notification> newest(UUID userId, int limit, @Nullable Instant before) {
        return jdbc.sql(SELECT + """
                         where user_id = :user and (cast(:before as timestamptz) is null or created_at < :before)
                        order by created_at desc, id limit :limit""")
                .param("user", userId)
                .param("before", before == null ? null : Timestamp.from(before))
                .param("limit", Math.max(1, Math.min(limit, 200)))
                .query((rs, n) -> map(rs))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Notification> find(UUID userId, UUID id) {
        return jdbc.sql(SELECT + " where user_id = :user and id = :id")
                .param("user", userId)
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** How many of a person's notifications are unread. */
    @Transactional(readOnly = true)
    public long unread(UUID userId) {
        return jdbc.sql("select count(*) from notification where user_id = :user and read_at is null")
                .param("user", userId)
                .query(Long.class)
                .single();
    }

    /** Marks one of the person's notifications read (404 when it is not theirs); returns it. */
    @Transactional
    public Notification markRead(UUID userId, UUID id) {
        jdbc.sql("update notification set read_at = :now where user_id = :user and id = :id and read_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("user", userId)
                .param("id", id)
                .update();
        return find(userId, id)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "notification-unknown", "id", id));
    }

    /** Marks all of a person's notifications read; returns how many were unread. */
    @Transactional
    public int markAllRead(UUID userId) {
        return jdbc.sql("update notification set read_at = :now where user_id = :user and read_at is null")
                .param("now", Timestamp.from(clock.instant()))
                .param("user", userId)
                .update();
    }

    /** Keeps a notice in its person's list, unread. */
    void store(Notice notice) {
        jdbc.sql("""
                        insert into notification (id, user_id, kind, message, params, link, created_at)
                        values (:id, :user, :kind, :message, cast(:params as jsonb), :link, :now)""")
                .param("id", UUID.randomUUID())
                .param("user", notice.userId())
                .param("kind", notice.kind().name())
                .param("message", notice.message())
                .param("params", json.writeValueAsString(notice.args()))
                .param("link", notice.link())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private Notification map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new Notification(
                rs.getObject("id", UUID.class),
                NotificationKind.valueOf(rs.getString("kind")),
                rs.getString("message"),
                json.readValue(rs.getString("params"), ARGS),
                rs.getString("link"),
                rs.getTimestamp("created_at").toInstant(),
                read == null ? null : read.toInstant());
    }

    private static final String SELECT =
            "select id, kind, message, params::text as params, link, created_at, read_at from notification";
}
