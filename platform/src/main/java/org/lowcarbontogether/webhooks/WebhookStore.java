package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The tables {@code webhook_endpoint}, {@code webhook_message} and {@code webhook_attempt}. */
@Repository
class WebhookStore {

    /** A message a sender claimed, with what it needs to sign and send it. */
    @SuppressWarnings("ArrayRecordComponent") // the secrets as stored, read once to decrypt
    record Claimed(
            UUID id,
            UUID endpointId,
            URI url,
            String webhookId,
            String payload,
            boolean manual,
            byte[] secret,
            byte @Nullable [] previousSecret,
            @Nullable Instant previousSecretUntil) {}

    /** A message locked to record an attempt's outcome. */
    record Locked(
            UUID id,
            UUID ownerId,
            UUID endpointId,
            Delivery.State state,
            int attempts,
            int retries,
            boolean manual,
            @Nullable UUID lease) {}

    /** One attempt as it is kept. */
    record AttemptRow(
            UUID messageId,
            Instant at,
            Delivery.Trigger trigger,
            @Nullable Integer status,
            @Nullable String error,
            long durationMillis,
            @Nullable String response) {}

    private static final String ENDPOINT_COLUMNS = """
            id, owner_id, url, event_types, state, disabled_reason, disabled_at, previous_secret_until,
            failing_since, last_success_at, created_at""";

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Endpoints

    void insertEndpoint(UUID id, UUID owner, URI url, Set<String> types, byte[] secret, Instant now) {
        jdbc.sql("""
                        insert into webhook_endpoint (id, owner_id, url, event_types, secret, state, created_at)
                        values (:id, :owner, :url, :types, :secret, 'ACTIVE', :now)""")
                .param("id", id)
                .param("owner", owner)
                .param("url", url.toString())
                .param("types", types.stream().sorted().toArray(String[]::new))
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .update();
    }

    int countEndpoints(UUID owner) {
        return jdbc.sql("select count(*) from webhook_endpoint where owner_id = :owner")
                .param("owner", owner)
                .query(Integer.class)
                .single();
    }

    List<WebhookEndpoint> endpoints(UUID owner) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS
                        + " from webhook_endpoint where owner_id = :owner order by created_at desc, id")
                .param("owner", owner)
                .query((rs, n) -> endpoint(rs))
                .list();
    }

    /** The owner's endpoint, locked for the caller's transaction. */
    Optional<WebhookEndpoint> lockEndpoint(UUID owner, UUID id) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS
                        + " from webhook_endpoint where owner_id = :owner and id = :id for update")
                .param("owner", owner)
                .param("id", id)
                .query((rs, n) -> endpoint(rs))
                .optional();
    }

    /** An endpoint by id alone, locked: for the sender, which acts for no owner. */
    WebhookEndpoint lockEndpoint(UUID id) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint where id = :id for update")
                .param("id", id)
                .query((rs, n) -> endpoint(rs))
                .single();
    }

    /** The new secret signs; the one it replaces still signs, as a second signature, until {@code until}. */
    void rotate(UUID id, byte[] secret, Instant until) {
        jdbc.sql("""
                        update webhook_endpoint set previous_secret = secret, previous_secret_until = :until,
                            secret = :secret where id = :id""")
                .param("id", id)
                .param("secret", secret)
                .param("until", Timestamp.from(until))
                .update();
    }

    void disable(UUID id, WebhookEndpoint.DisabledReason reason, Instant now) {
        jdbc.sql("""
                        update webhook_endpoint set state = 'DISABLED', disabled_reason = :reason, disabled_at = :now
                        where id = :id""")
                .param("id", id)
                .param("reason", reason.name())
                .param("now", Timestamp.from(now))
                .update();
        // What was still to be sent is given up; its owner can redeliver it once the endpoint works again.
        jdbc.sql("""
                        update webhook_message set state = 'FAILED', finished_at = :now, lease = null,
                            leased_until = null, last_error = :error
                        where endpoint_id = :id and state = 'PENDING'""")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("error", "endpoint disabled (" + reason.name().toLowerCase(Locale.ROOT) + ")")
                .update();
    }

    void enable(UUID id) {
        jdbc.sql("""
                        update webhook_endpoint set state = 'ACTIVE', disabled_reason = null, disabled_at = null,
                            failing_since = null where id = :id""").param("id", id).update();
    }

    void succeeded(UUID endpoint, Instant now) {
        jdbc.sql("update webhook_endpoint set failing_since = null, last_success_at = :now where id = :id")
                .param("id", endpoint)
                .param("now", Timestamp.from(now))
                .update();
    }

    void failedAttempt(UUID endpoint, Instant now) {
        jdbc.sql("update webhook_endpoint set failing_since = coalesce(failing_since, :now) where id = :id")
                .param("id", endpoint)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The owner's active endpoints that want this event type. */
    List<UUID> subscribers(UUID owner, String type) {
        return jdbc.sql("""
                        select id from webhook_endpoint
                        where owner_id = :owner and state = 'ACTIVE' and :type = any(event_types)
                        order by created_at, id""")
                .param("owner", owner)
                .param("type", type)
                .query((rs, n) -> rs.getObject("id", UUID.class))
                .list();
    }

    // Messages

    /** A message to write: its id, endpoint, the event's {@code webhook-id}, type and body. */
    record NewMessage(UUID id, UUID endpoint, String webhookId, String type, String payload) {}

    /** Writes messages of one owner, due now, in one statement. */
    void insertMessages(UUID owner, List<NewMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into webhook_message (id, owner_id, endpoint_id, webhook_id, event_type, payload, state,
                            next_attempt_at, created_at)
                        select m.id, :owner, m.endpoint, m.webhook_id, m.type, m.payload, 'PENDING', :now, :now
                        from unnest(:ids, :endpoints, :webhookIds, :types, :payloads)
                            as m (id, endpoint, webhook_id, type, payload)""")
                .param("owner", owner)
                .param(
                        "ids",
                        new SqlArrayValue(
                                "uuid", messages.stream().map(NewMessage::id).toArray()))
                .param(
                        "endpoints",
                        new SqlArrayValue(
                                "uuid",
                                messages.stream().map(NewMessage::endpoint).toArray()))
                .param(
                        "webhookIds",
                        new SqlArrayValue(
                                "text",
                                messages.stream().map(NewMessage::webhookId).toArray()))
                .param(
                        "types",
                        new SqlArrayValue(
                                "text", messages.stream().map(NewMessage::type).toArray()))
                .param(
                        "payloads",
                        new SqlArrayValue(
                                "text",
                                messages.stream().map(NewMessage::payload).toArray()))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Claims up to {@code limit} messages due by {@code now} (of one owner, or of all) for {@code lease} by the
     * database's clock, and commits with the caller. Messages another sender has locked or holds are skipped: while
     * a lease lasts, no other sender takes its message; a sender that dies leaves it due again when it ends.
     */
    List<Claimed> claim(Instant now, UUID token, Duration lease, int limit, @Nullable UUID owner) {
        return jdbc.sql("""
                        with due as (
                            select id from webhook_message
                            where state = 'PENDING' and next_attempt_at <= :now
                              and (leased_until is null or leased_until < clock_timestamp())
                              and (cast(:owner as uuid) is null or owner_id = :owner)
                            order by next_attempt_at limit :limit
                            for update skip locked),
                        claimed as (
                            update webhook_message m set lease = :token,
                                leased_until = clock_timestamp() + :lease * interval '1 millisecond'
                            from due where m.id = due.id
                            returning m.id, m.endpoint_id, m.webhook_id, m.payload, m.manual)
                        select c.id, c.endpoint_id, c.webhook_id, c.payload, c.manual, e.url, e.secret,
                            e.previous_secret, e.previous_secret_until
                        from claimed c join webhook_endpoint e on e.id = c.endpoint_id""")
                .param("now", Timestamp.from(now))
                .param("owner", owner)
                .param("limit", limit)
                .param("token", token)
                .param("lease", lease.toMillis())
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("endpoint_id", UUID.class),
                        URI.create(rs.getString("url")),
                        rs.getString("webhook_id"),
                        rs.getString("payload"),
                        rs.getBoolean("manual"),
                        rs.getBytes("secret"),
                        rs.getBytes("previous_secret"),
                        instant(rs, "previous_secret_until")))
                .list();
    }

    /** The message, locked to record an attempt; empty when it was purged meanwhile. */
    Optional<Locked> lockMessage(UUID id) {
        return jdbc.sql("""
                        select id, owner_id, endpoint_id, state, attempts, retries, manual, lease
                        from webhook_message where id = :id for update""")
                .param("id", id)
                .query((rs, n) -> new Locked(
                        rs.getObject("id", UUID.class),
                        rs.getObject("owner_id", UUID.class),
                        rs.getObject("endpoint_id", UUID.class),
                        Delivery.State.valueOf(rs.getString("state")),
                        rs.getInt("attempts"),
                        rs.getInt("retries"),
                        rs.getBoolean("manual"),
                        rs.getObject("lease", UUID.class)))
                .optional();
    }

    /** Keeps an attempt as the message's next and counts it. */
    void insertAttempt(int number, AttemptRow attempt) {
        jdbc.sql("""
                        insert into webhook_attempt (message_id, number, attempted_at, trigger, status, error,
                            duration_ms, response)
                        values (:id, :number, :at, :trigger, :status, :error, :duration, :response)""")
                .param("id", attempt.messageId())
                .param("number", number)
                .param("at", Timestamp.from(attempt.at()))
                .param("trigger", attempt.trigger().name())
                .param("status", attempt.status())
                .param("error", attempt.error())
                .param("duration", Math.min(attempt.durationMillis(), Integer.MAX_VALUE))
                .param("response", attempt.response())
                .update();
        jdbc.sql("update webhook_message set attempts = :number where id = :id")
                .param("id", attempt.messageId())
                .param("number", number)
                .update();
    }

    void delivered(UUID id, Instant now) {
        jdbc.sql("""
                        update webhook_message set state = 'DELIVERED', delivered_at = :now, finished_at = :now,
                            manual = false, lease = null, leased_until = null, last_error = null where id = :id""").param("id", id).param("now", Timestamp.from(now)).update();
    }

    void retry(UUID id, int retries, Instant next, String error) {
        jdbc.sql("""
                        update webhook_message set retries = :retries, next_attempt_at = :next, manual = false,
                            lease = null, leased_until = null, last_error = :error where id = :id""")
                .param("id", id)
                .param("retries", retries)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .update();
    }

    void givenUp(UUID id, String error, Instant now) {
        jdbc.sql("""
                        update webhook_message set state = 'FAILED', finished_at = :now, manual = false, lease = null,
                            leased_until = null, last_error = :error where id = :id""")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("error", error)
                .update();
    }

    /** Makes the owner's message due now, its schedule started again; false when the owner has no such message. */
    boolean redeliver(UUID owner, UUID id, Instant now) {
        return jdbc.sql("""
                        update webhook_message set state = 'PENDING', next_attempt_at = :now, retries = 0,
                            manual = true, lease = null, leased_until = null, finished_at = null
                        where owner_id = :owner and id = :id""")
                        .param("owner", owner)
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                > 0;
    }

    /** The endpoint a message of the owner's is sent to; empty when the owner has no such message. */
    Optional<UUID> endpointOf(UUID owner, UUID message) {
        return jdbc.sql("select endpoint_id from webhook_message where owner_id = :owner and id = :id")
                .param("owner", owner)
                .param("id", message)
                .query(UUID.class)
                .optional();
    }

    /** Deletes the messages (and their attempts) finished before {@code before}; returns how many. */
    int purge(Instant before) {
        return jdbc.sql("delete from webhook_message where finished_at < :before")
                .param("before", Timestamp.from(before))
                .update();
    }

    // The delivery log

    List<Delivery> deliveries(UUID owner, DeliveryFilter filter, int limit) {
        var messages = jdbc.sql("""
                        select m.id, m.webhook_id, m.endpoint_id, e.url, m.event_type, m.payload, m.state,
                            m.created_at, m.next_attempt_at, m.delivered_at, m.last_error
                        from webhook_message m join webhook_endpoint e on e.id = m.endpoint_id
                        where m.owner_id = :owner
                          and (cast(:endpoint as uuid) is null or m.endpoint_id = :endpoint)
                          and (cast(:state as text) is null or m.state = :state)
                          and (cast(:type as text) is null or m.event_type = :type)
                          and (cast(:before as timestamptz) is null or m.created_at < :before)
                        order by m.created_at desc, m.id limit :limit""")
                .param("owner", owner)
                .param("endpoint", filter.endpointId())
                .param("state", filter.state() == null ? null : filter.state().name())
                .param("type", filter.eventType())
                .param("before", filter.before() == null ? null : Timestamp.from(filter.before()))
                .param("limit", limit)
                .query((rs, n) -> delivery(rs, List.of()))
                .list();
        return withAttempts(messages);
    }

    Optional<Delivery> delivery(UUID owner, UUID id) {
        var found = jdbc.sql("""
                        select m.id, m.webhook_id, m.endpoint_id, e.url, m.event_type, m.payload, m.state,
                            m.created_at, m.next_attempt_at, m.delivered_at, m.last_error
                        from webhook_message m join webhook_endpoint e on e.id = m.endpoint_id
                        where m.owner_id = :owner and m.id = :id""")
                .param("owner", owner)
                .param("id", id)
                .query((rs, n) -> delivery(rs, List.of()))
                .list();
        return withAttempts(found).stream().findFirst();
    }

    private List<Delivery> withAttempts(List<Delivery> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        Map<UUID, List<Delivery.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.sql("""
                        select message_id, number, attempted_at, trigger, status, error, duration_ms, response
                        from webhook_attempt where message_id = any(:ids) order by message_id, number""")
                .param("ids", messages.stream().map(Delivery::messageId).toArray(UUID[]::new))
                .query(rs -> {
                    attempts.computeIfAbsent(rs.getObject("message_id", UUID.class), k -> new ArrayList<>())
                            .add(new Delivery.Attempt(
                                    rs.getInt("number"),
                                    rs.getTimestamp("attempted_at").toInstant(),
                                    Delivery.Trigger.valueOf(rs.getString("trigger")),
                                    rs.getObject("status", Integer.class),
                                    rs.getString("error"),
                                    rs.getLong("duration_ms"),
                                    rs.getString("response")));
                });
        return messages.stream()
                .map(m -> new Delivery(
                        m.messageId(),
                        m.webhookId(),
                        m.endpointId(),
                        m.url(),
                        m.eventType(),
                        m.payload(),
                        m.state(),
                        m.createdAt(),
                        m.nextAttemptAt(),
                        m.deliveredAt(),
                        m.lastError(),
                        attempts.getOrDefault(m.messageId(), List.of())))
                .toList();
    }

    private static Delivery delivery(ResultSet rs, List<Delivery.Attempt> attempts) throws SQLException {
        var state = Delivery.State.valueOf(rs.getString("state"));
        return new Delivery(
                rs.getObject("id", UUID.class),
                rs.getString("webhook_id"),
                rs.getObject("endpoint_id", UUID.class),
                URI.create(rs.getString("url")),
                rs.getString("event_type"),
                rs.getString("payload"),
                state,
                rs.getTimestamp("created_at").toInstant(),
                state == Delivery.State.PENDING ? instant(rs, "next_attempt_at") : null,
                instant(rs, "delivered_at"),
                rs.getString("last_error"),
                attempts);
    }

    static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        String reason = rs.getString("disabled_reason");
        return new WebhookEndpoint(
                rs.getObject("id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                URI.create(rs.getString("url")),
                new LinkedHashSet<>(
                        Arrays.asList((String[]) rs.getArray("event_types").getArray())),
                WebhookEndpoint.State.valueOf(rs.getString("state")),
                reason == null ? null : WebhookEndpoint.DisabledReason.valueOf(reason),
                instant(rs, "disabled_at"),
                instant(rs, "previous_secret_until"),
                instant(rs, "failing_since"),
                instant(rs, "last_success_at"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
