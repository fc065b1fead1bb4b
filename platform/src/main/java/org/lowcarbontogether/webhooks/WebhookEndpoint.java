package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint an owner receives webhooks at: its URL, the event types it is sent, whether it is sent anything now
 * and why not, and how its deliveries have been going. Its signing secret is never part of it: it is shown once, when
 * made ({@link EndpointSecret}).
 *
 * @param previousSecretUntil while a rotated-out secret still signs (a second signature), until when
 * @param failingSince the first failed attempt since the last success; null while the endpoint answers
 */
public record WebhookEndpoint(
        UUID id,
        UUID ownerId,
        URI url,
        Set<String> eventTypes,
        State state,
        @Nullable DisabledReason disabledReason,
        @Nullable Instant disabledAt,
        @Nullable Instant previousSecretUntil,
        @Nullable Instant failingSince,
        @Nullable Instant lastSuccessAt,
        Instant createdAt) {

    public WebhookEndpoint {
        eventTypes = Set.copyOf(eventTypes);
    }

    /** Whether messages are written for it. */
    public enum State {
        ACTIVE,
        DISABLED
    }

    /** Why an endpoint is sent nothing. */
    public enum DisabledReason {
        /** Its owner disabled it. */
        MANUAL,
        /** Every attempt failed for the whole retry schedule (about three days) with no success meanwhile. */
        FAILING,
        /** The receiver answered 410 Gone: it wants no more messages. */
        GONE
    }
}
