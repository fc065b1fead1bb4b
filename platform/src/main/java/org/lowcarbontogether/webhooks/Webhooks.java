package org.lowcarbontogether.webhooks;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SecretCipher;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks for an owner: its endpoints, the messages published to them and their delivery log. The owner is whoever
 * the calling module says (a partner's id); that module decides who may act for it. Every method is scoped by the
 * owner: another owner's endpoint or message does not exist here ({@code NOT_FOUND}).
 */
@Service
public class Webhooks {

    /** The most messages one read of the delivery log returns. */
    public static final int MAX_DELIVERIES = 100;

    /** The largest body a message may have (the specification advises keeping them small). */
    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    /** Event types as the specification recommends: full-stop-delimited identifiers of {@code [a-zA-Z0-9_]}. */
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    private static final int MAX_EVENT_TYPES = 50;
    private static final int MAX_EVENT_TYPE_LENGTH = 100;

    private final WebhookStore store;
    private final EndpointAddresses addresses;
    private final SecretCipher cipher;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    Webhooks(
            WebhookStore store,
            EndpointAddresses addresses,
            SecretCipher cipher,
            WebhookProperties properties,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.addresses = addresses;
        this.cipher = cipher;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Registers an endpoint for these event types and returns it with its signing secret, shown this once. The URL
     * must be https and resolve to public addresses only.
     */
    @Transactional
    public EndpointSecret register(UUID ownerId, URI url, Set<String> eventTypes) {
        URI accepted = addresses.accept(url.toString());
        Set<String> types = eventTypes(eventTypes);
        if (store.countEndpoints(ownerId) >= properties.maxEndpointsPerOwner()) {
            throw Refusal.conflict("webhook-endpoints-too-many", null, properties.maxEndpointsPerOwner());
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignatures.newSecret();
        store.insertEndpoint(id, ownerId, accepted, types, cipher.encrypt(id, secret), clock.instant());
        return new EndpointSecret(locked(ownerId, id), secret);
    }

    /** The owner's endpoints, newest first. */
    @Transactional(readOnly = true)
    public List<WebhookEndpoint> endpoints(UUID ownerId) {
        return store.endpoints(ownerId);
    }

    /**
     * A new signing secret, shown this once. Until {@code lct.webhooks.rotation-overlap} (24 hours) has passed every
     * message carries two signatures, by the new secret and by the one it replaces, so the receiver can switch
     * without losing a message.
     */
    @Transactional
    public EndpointSecret rotateSecret(UUID ownerId, UUID endpointId) {
        locked(ownerId, endpointId);
        String secret = WebhookSignatures.newSecret();
        store.rotate(
                endpointId, cipher.encrypt(endpointId, secret), clock.instant().plus(properties.rotationOverlap()));
        return new EndpointSecret(locked(ownerId, endpointId), secret);
    }

    /** Stops writing and sending messages to the endpoint; those still to be sent are given up (and can be redelivered). */
    @Transactional
    public WebhookEndpoint disable(UUID ownerId, UUID endpointId) {
        var endpoint = locked(ownerId, endpointId);
        if (endpoint.state() == WebhookEndpoint.State.ACTIVE) {
            store.disable(endpointId, WebhookEndpoint.DisabledReason.MANUAL, clock.instant());
        }
        return locked(ownerId, endpointId);
    }

    /** Sends to the endpoint again from now on, whatever disabled it; past messages only when redelivered. */
    @Transactional
    public WebhookEndpoint enable(UUID ownerId, UUID endpointId) {
        var endpoint = locked(ownerId, endpointId);
        if (endpoint.state() == WebhookEndpoint.State.DISABLED) {
            addresses.accept(endpoint.url().toString());
            store.enable(endpointId);
        }
        return locked(ownerId, endpointId);
    }

    /**
     * Writes the event for each of the owner's active endpoints that want its type, in the caller's transaction: sent
     * after it commits, never if it rolls back. The body is the specification's recommended shape, {@code {"type",
     * "timestamp", "data"}} with {@code payload} as data; every endpoint's message has the same {@code webhook-id}.
     */
    @Transactional
    public Published publish(UUID ownerId, String eventType, Object payload) {
        return publishAll(ownerId, List.of(new Event(eventType, payload))).getFirst();
    }

    /** An event to publish: its type and its payload (the body's {@code data}). */
    public record Event(String type, Object payload) {}

    /**
     * {@link #publish} for many events of one owner at once, in the caller's transaction: each event's subscribers are
     * looked up once per type and every message is written in one statement. Answers in the events' order.
     */
    @Transactional
    public List<Published> publishAll(UUID ownerId, List<Event> events) {
        Instant now = clock.instant();
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now);
        var subscribers = new HashMap<String, List<UUID>>();
        var published = new ArrayList<Published>(events.size());
        var messages = new ArrayList<WebhookStore.NewMessage>();
        for (Event event : events) {
            if (!validEventType(event.type())) {
                throw new IllegalArgumentException("Not a webhook event type: " + event.type());
            }
            String webhookId = "msg_" + UUID.randomUUID().toString().replace("-", "");
            var endpoints = subscribers.computeIfAbsent(event.type(), type -> store.subscribers(ownerId, type));
            if (endpoints.isEmpty()) {
                // Nobody listens for this type: nothing to write, so no body to build (a partner without endpoints).
                published.add(new Published(webhookId, List.of()));
                continue;
            }
            var body = new LinkedHashMap<String, @Nullable Object>();
            body.put("type", event.type());
            body.put("timestamp", timestamp);
            body.put("data", event.payload());
            String text = json.writeValueAsString(body);
            if (text.length() > MAX_PAYLOAD_CHARS) {
                throw new IllegalArgumentException("A webhook body of " + text.length() + " characters is too large");
            }
            var ids = new ArrayList<UUID>();
            for (UUID endpoint : endpoints) {
                UUID id = UUID.randomUUID();
                messages.add(new WebhookStore.NewMessage(id, endpoint, webhookId, event.type(), text));
                ids.add(id);
            }
            published.add(new Published(webhookId, ids));
        }
        store.insertMessages(ownerId, messages, now);
        return published;
    }

    /** The delivery log: the owner's messages, newest first, each with its attempts; at most {@link #MAX_DELIVERIES}. */
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(UUID ownerId, DeliveryFilter filter, int limit) {
        return store.deliveries(ownerId, filter, Math.clamp(limit, 1, MAX_DELIVERIES));
    }

    /** One of the owner's messages with its attempts. */
    @Transactional(readOnly = true)
    public Delivery delivery(UUID ownerId, UUID messageId) {
        return store.delivery(ownerId, messageId)
                .orElseThrow(() -> Refusal.notFound("webhook-message-unknown", "messageId", messageId));
    }

    /**
     * Sends the message again now, with the same {@code webhook-id}, whatever became of it (delivered, given up, still
     * retrying), its retry schedule started again. Its endpoint must be enabled.
     */
    @Transactional
    public Delivery redeliver(UUID ownerId, UUID messageId) {
        UUID endpointId = store.endpointOf(ownerId, messageId)
                .orElseThrow(() -> Refusal.notFound("webhook-message-unknown", "messageId", messageId));
        if (locked(ownerId, endpointId).state() != WebhookEndpoint.State.ACTIVE) {
            throw Refusal.conflict("webhook-endpoint-disabled", "endpointId", endpointId);
        }
        store.redeliver(ownerId, messageId, clock.instant());
        return delivery(ownerId, messageId);
    }

    private WebhookEndpoint locked(UUID ownerId, UUID endpointId) {
        return store.lockEndpoint(ownerId, endpointId)
                .orElseThrow(() -> Refusal.notFound("webhook-endpoint-unknown", "endpointId", endpointId));
    }

    private static Set<String> eventTypes(Set<String> eventTypes) {
        if (eventTypes.isEmpty()
                || eventTypes.size() > MAX_EVENT_TYPES
                || !eventTypes.stream().allMatch(Webhooks::validEventType)) {
            throw Refusal.invalid("webhook-event-types-invalid", "eventTypes", String.join(", ", eventTypes));
        }
        return Set.copyOf(eventTypes);
    }

    private static boolean validEventType(String type) {
        return type.length() <= MAX_EVENT_TYPE_LENGTH
                && EVENT_TYPE.matcher(type).matches();
    }
}
