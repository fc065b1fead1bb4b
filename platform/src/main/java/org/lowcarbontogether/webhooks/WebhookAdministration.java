package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhooks across every owner, read-only, for administrators: the endpoints that are disabled or failing first, each
 * with its last week's deliveries, and the latest failed attempts. Never a secret or a body.
 */
@Service
public class WebhookAdministration {

    /** The most endpoints and failed attempts shown. */
    public static final int LIMIT = 100;

    /** An endpoint with what happened to its messages in the last seven days. */
    public record EndpointSummary(WebhookEndpoint endpoint, int pending, int deliveredThisWeek, int failedThisWeek) {}

    /** A failed attempt: when, to which owner's endpoint, for which event, and what came back. */
    public record FailedAttempt(
            Instant at,
            UUID ownerId,
            UUID endpointId,
            URI url,
            String eventType,
            String webhookId,
            int number,
            @Nullable Integer status,
            @Nullable String error) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookAdministration(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<EndpointSummary> endpoints(Actor me) {
        requireAdministrator(me);
        Timestamp weekAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(7)));
        return jdbc.sql("""
                        select e.id, e.owner_id, e.url, e.event_types, e.state, e.disabled_reason, e.disabled_at,
                            e.previous_secret_until, e.failing_since, e.last_success_at, e.created_at,
                            (select count(*) from webhook_message m
                              where m.endpoint_id = e.id and m.state = 'PENDING') as pending,
                            (select count(*) from webhook_message m where m.endpoint_id = e.id
                              and m.state = 'DELIVERED' and m.delivered_at >= :weekAgo) as delivered,
                            (select count(*) from webhook_message m where m.endpoint_id = e.id
                              and m.state = 'FAILED' and m.finished_at >= :weekAgo) as failed
                        from webhook_endpoint e
                        order by (e.state = 'DISABLED') desc, (e.failing_since is not null) desc, e.created_at desc
                        limit :limit""")
                .param("weekAgo", weekAgo)
                .param("limit", LIMIT)
                .query((rs, n) -> new EndpointSummary(
                        WebhookStore.endpoint(rs), rs.getInt("pending"), rs.getInt("delivered"), rs.getInt("failed")))
                .list();
    }

    @Transactional(readOnly = true)
    public List<FailedAttempt> recentFailures(Actor me) {
        requireAdministrator(me);
        return jdbc.sql("""
                        select a.attempted_at, m.owner_id, m.endpoint_id, e.url, m.event_type, m.webhook_id, a.number,
                            a.status, a.error
                        from webhook_attempt a
                        join webhook_message m on m.id = a.message_id
                        join webhook_endpoint e on e.id = m.endpoint_id
                        where a.status is null or a.status not between 200 and 299
                        order by a.attempted_at desc limit :limit""")
                .param("limit", LIMIT)
                .query((rs, n) -> new FailedAttempt(
                        rs.getTimestamp("attempted_at").toInstant(),
                        rs.getObject("owner_id", UUID.class),
                        rs.getObject("endpoint_id", UUID.class),
                        URI.create(rs.getString("url")),
                        rs.getString("event_type"),
                        rs.getString("webhook_id"),
                        rs.getInt("number"),
                        rs.getObject("status", Integer.class),
                        rs.getString("error")))
                .list();
    }

    private static void requireAdministrator(Actor me) {
        if (!me.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("forbidden", null);
        }
    }
}
