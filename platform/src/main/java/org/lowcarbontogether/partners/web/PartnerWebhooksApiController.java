package org.lowcarbontogether.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.partners.PartnerActivities;
import org.lowcarbontogether.partners.PartnerWebhooks;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.webhooks.Delivery;
import org.lowcarbontogether.webhooks.DeliveryFilter;
import org.lowcarbontogether.webhooks.EndpointSecret;
import org.lowcarbontogether.webhooks.WebhookEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's own webhook endpoints and delivery log, with a client-credentials token of scope {@code webhooks.manage}.
 * The owner is always the token's partner.
 */
@RestController
@Tag(name = "Partners")
class PartnerWebhooksApiController {

    /** An endpoint to register: its HTTPS URL and the event types it wants (all activity outcomes when omitted). */
    record Registration(@Nullable String url, @Nullable Set<String> eventTypes) {}

    private final PartnerActivities activities;
    private final PartnerWebhooks webhooks;

    PartnerWebhooksApiController(PartnerActivities activities, PartnerWebhooks webhooks) {
        this.activities = activities;
        this.webhooks = webhooks;
    }

    private PartnerActivities.Caller caller(Jwt jwt) {
        return PartnerApiController.caller(activities, jwt);
    }

    @PostMapping("/api/v1/partner/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a webhook endpoint; its signing secret is shown this once")
    EndpointSecret register(@AuthenticationPrincipal Jwt jwt, @RequestBody Registration registration) {
        String url = registration.url();
        if (url == null || url.isBlank()) {
            throw Refusal.invalid("webhook-url-invalid", "url");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("webhook-url-invalid", "url");
        }
        return webhooks.register(caller(jwt), uri, registration.eventTypes());
    }

    @GetMapping("/api/v1/partner/webhooks")
    @Operation(summary = "The partner's webhook endpoints, newest first")
    List<WebhookEndpoint> endpoints(@AuthenticationPrincipal Jwt jwt) {
        return webhooks.endpoints(caller(jwt));
    }

    @PostMapping("/api/v1/partner/webhooks/{id}/rotation")
    @Operation(summary = "A new signing secret (shown once); the previous one keeps signing for 24 hours")
    EndpointSecret rotate(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return webhooks.rotate(caller(jwt), id);
    }

    @PostMapping("/api/v1/partner/webhooks/{id}/disable")
    @Operation(summary = "Stop sending to an endpoint")
    WebhookEndpoint disable(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return webhooks.disable(caller(jwt), id);
    }

    @PostMapping("/api/v1/partner/webhooks/{id}/enable")
    @Operation(summary = "Send to an endpoint again from now on")
    WebhookEndpoint enable(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return webhooks.enable(caller(jwt), id);
    }

    @GetMapping("/api/v1/partner/webhooks/deliveries")
    @Operation(summary = "The delivery log, newest first: by endpoint, state, event type, and before an instant")
    List<Delivery> deliveries(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) @Nullable UUID endpoint,
            @RequestParam(required = false) Delivery.@Nullable State state,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable Instant before,
            @RequestParam(defaultValue = "50") int limit) {
        return webhooks.deliveries(caller(jwt), new DeliveryFilter(endpoint, state, type, before), limit);
    }

    @GetMapping("/api/v1/partner/webhooks/deliveries/{id}")
    @Operation(summary = "One message with its attempts")
    Delivery delivery(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return webhooks.delivery(caller(jwt), id);
    }

    @PostMapping("/api/v1/partner/webhooks/deliveries/{id}/redelivery")
    @Operation(summary = "Send a message again now, with the same webhook-id")
    Delivery redeliver(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        return webhooks.redeliver(caller(jwt), id);
    }
}
