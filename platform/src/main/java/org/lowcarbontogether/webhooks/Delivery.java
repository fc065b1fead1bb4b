package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message to one endpoint, as its owner reads it in the delivery log: the event, the body exactly as signed and
 * sent, where it stands and every attempt, oldest first.
 *
 * @param webhookId the {@code webhook-id} header, the same on every attempt and redelivery (receivers deduplicate by it)
 */
public record Delivery(
        UUID messageId,
        String webhookId,
        UUID endpointId,
        URI url,
        String eventType,
        String payload,
        State state,
        Instant createdAt,
        @Nullable Instant nextAttemptAt,
        @Nullable Instant deliveredAt,
        @Nullable String lastError,
        List<Attempt> attempts) {

    public Delivery {
        attempts = List.copyOf(attempts);
    }

    /** Where a message stands. */
    public enum State {
        /** To be sent, perhaps again after failed attempts. */
        PENDING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** Given up after the whole retry schedule, or its endpoint was disabled; its owner may redeliver it. */
        FAILED
    }

    /** Who asked for an attempt. */
    public enum Trigger {
        SCHEDULED,
        MANUAL
    }

    /**
     * One attempt: when, the HTTP status (null when there was no answer: a refused address, no connection, a
     * timeout), the error, how long it took and the first kilobyte of the answer.
     */
    public record Attempt(
            int number,
            Instant at,
            Trigger trigger,
            @Nullable Integer status,
            @Nullable String error,
            long durationMillis,
            @Nullable String response) {

        /** Whether the endpoint answered 2xx. */
        public boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
