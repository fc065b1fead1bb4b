package org.lowcarbontogether.webhooks;

/**
 * An endpoint with its new signing secret ({@code whsec_…}), shown this once: the platform keeps it only encrypted,
 * to sign with, and never shows it again. After a rotation the previous secret still signs too until
 * {@link WebhookEndpoint#previousSecretUntil()}.
 */
public record EndpointSecret(WebhookEndpoint endpoint, String secret) {

    @Override
    public String toString() {
        return "EndpointSecret[" + endpoint.id() + ", whsec_…]";
    }
}
