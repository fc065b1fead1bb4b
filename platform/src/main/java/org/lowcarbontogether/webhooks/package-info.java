/**
 * Webhooks as Standard Webhooks (standardwebhooks.com): an owner — a partner, or any other party another module
 * answers for — registers HTTPS endpoints for event types and receives signed messages. {@link
 * org.lowcarbontogether.webhooks.Webhooks#publish} writes them into an outbox in the caller's transaction; a scheduled
 * sender posts them with retries for about three days, keeps every attempt for the owner to read, redelivers on
 * request and disables an endpoint that fails throughout (publishing {@link
 * org.lowcarbontogether.webhooks.WebhookEndpointDisabled}). {@link org.lowcarbontogether.webhooks.WebhookSignatures}
 * signs and verifies.
 * <p>
 * It knows nothing of partners: who may act for an owner is decided by the calling module; every method here is
 * scoped by the owner's id.
 */
@ApplicationModule(
        displayName = "Webhooks",
        allowedDependencies = {"shared", "platform"})
@NullMarked
package org.lowcarbontogether.webhooks;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
