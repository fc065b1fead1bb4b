package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * An endpoint was disabled by the platform, not its owner: it failed throughout the retry schedule
 * ({@link WebhookEndpoint.DisabledReason#FAILING}) or answered 410 Gone ({@link WebhookEndpoint.DisabledReason#GONE}).
 * Its messages still pending were given up. The owner's module tells its people (by email, say); they may enable it
 * again and redeliver what they missed.
 */
public record WebhookEndpointDisabled(
        UUID ownerId, UUID endpointId, URI url, WebhookEndpoint.DisabledReason reason, Instant at) {}
