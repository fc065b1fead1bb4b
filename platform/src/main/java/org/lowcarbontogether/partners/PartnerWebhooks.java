package org.lowcarbontogether.partners;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.webhooks.Delivery;
import org.lowcarbontogether.webhooks.DeliveryFilter;
import org.lowcarbontogether.webhooks.EndpointSecret;
import org.lowcarbontogether.webhooks.WebhookEndpoint;
import org.lowcarbontogether.webhooks.Webhooks;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells a partner what became of its activities through its webhook endpoints: each {@link PartnerActivityDecided} is
 * published to the partner (the webhooks owner) as {@code activity.<outcome>} — {@code activity.credited},
 * {@code activity.held}, {@code activity.refused}, {@code activity.reversed} and, in the sandbox, {@code
 * activity.checked}. The payload is thin and names nobody: mode, reference, pairwise subject, outcome, reason codes,
 * grams, methodology version, when it was decided and the record id.
 * <p>
 * A partner manages its own endpoints with a client-credentials token of scope {@code webhooks.manage}: the owner is
 * always the caller's partner, so another partner's endpoints and messages do not exist for it ({@code NOT_FOUND}). A
 * suspended partner is refused, as everywhere on the partner API.
 */
@Service
public class PartnerWebhooks {

    /** Every event type a partner may subscribe to. */
    public static final List<String> EVENT_TYPES = java.util.Arrays.stream(PartnerActivities.Outcome.values())
            .map(o -> type(o.name()))
            .toList();

    /** The event type prefix of activity outcomes. */
    static final String PREFIX = "activity.";

    /** How many recent deliveries an officer's partner page shows. */
    public static final int RECENT = 20;

    private final Webhooks webhooks;
    private final Partners partners;
    private final AuditLog audit;

    PartnerWebhooks(Webhooks webhooks, Partners partners, AuditLog audit) {
        this.webhooks = webhooks;
        this.partners = partners;
        this.audit = audit;
    }

    /** A partner's endpoints, for officers. */
    public List<WebhookEndpoint> endpoints(Actor officer, UUID partnerId) {
        return webhooks.endpoints(partners.get(officer, partnerId).id());
    }

    /** A partner's most recent deliveries, for officers. */
    public List<Delivery> recentDeliveries(Actor officer, UUID partnerId) {
        return webhooks.deliveries(partners.get(officer, partnerId).id(), DeliveryFilter.all(), RECENT);
    }

    /** An officer sends one of a partner's messages again (audited). */
    @Transactional
    public Delivery redeliver(Actor officer, UUID partnerId, UUID messageId) {
        var partner = partners.get(officer, partnerId);
        var delivery = webhooks.redeliver(partner.id(), messageId);
        audit.record(
                officer.id(),
                AuditLog.Action.PARTNER_WEBHOOK_REDELIVERED,
                partner.organisationId(),
                AuditLog.Target.PARTNER,
                partner.id(),
                Map.of("name", partner.nameEn(), "message", messageId.toString(), "type", delivery.eventType()));
        return delivery;
    }

    private UUID owner(PartnerActivities.Caller caller) {
        if (!partners.get(caller.partnerId()).active()) {
            throw Refusal.forbidden("partner-suspended", null);
        }
        return caller.partnerId();
    }

    /** Registers an endpoint for these event types (all of them when none are named); the secret is shown this once. */
    public EndpointSecret register(PartnerActivities.Caller caller, URI url, @Nullable Set<String> eventTypes) {
        Set<String> types = eventTypes == null || eventTypes.isEmpty() ? Set.copyOf(EVENT_TYPES) : eventTypes;
        if (!EVENT_TYPES.containsAll(types)) {
            throw Refusal.invalid("webhook-event-types-invalid", "eventTypes", String.join(", ", types));
        }
        return webhooks.register(owner(caller), url, types);
    }

    public List<WebhookEndpoint> endpoints(PartnerActivities.Caller caller) {
        return webhooks.endpoints(owner(caller));
    }

    public EndpointSecret rotate(PartnerActivities.Caller caller, UUID endpointId) {
        return webhooks.rotateSecret(owner(caller), endpointId);
    }

    public WebhookEndpoint disable(PartnerActivities.Caller caller, UUID endpointId) {
        return webhooks.disable(owner(caller), endpointId);
    }

    public WebhookEndpoint enable(PartnerActivities.Caller caller, UUID endpointId) {
        return webhooks.enable(owner(caller), endpointId);
    }

    public List<Delivery> deliveries(PartnerActivities.Caller caller, DeliveryFilter filter, int limit) {
        return webhooks.deliveries(owner(caller), filter, limit);
    }

    public Delivery delivery(PartnerActivities.Caller caller, UUID messageId) {
        return webhooks.delivery(owner(caller), messageId);
    }

    public Delivery redeliver(PartnerActivities.Caller caller, UUID messageId) {
        return webhooks.redeliver(owner(caller), messageId);
    }

    /** The event type an outcome is published as, e.g. {@code activity.credited}. */
    static String type(String outcome) {
        return PREFIX + outcome.toLowerCase(Locale.ROOT);
    }

    @ApplicationModuleListener
    void on(PartnerActivitiesDecided decided) {
        var byPartner = new LinkedHashMap<UUID, List<Webhooks.Event>>();
        for (var d : decided.decisions()) {
            byPartner
                    .computeIfAbsent(d.partnerId(), k -> new ArrayList<>())
                    .add(new Webhooks.Event(type(d.outcome()), payload(d)));
        }
        byPartner.forEach(webhooks::publishAll);
    }

    static Map<String, @Nullable Object> payload(PartnerActivityDecided decided) {
        var data = new LinkedHashMap<String, @Nullable Object>();
        data.put("mode", decided.mode());
        data.put("reference", decided.reference());
        data.put("subject", decided.subject());
        data.put("outcome", decided.outcome());
        data.put("reasons", decided.reasons());
        data.put("reductionGrams", decided.reductionGrams());
        data.put("methodologyVersion", decided.methodologyVersion());
        data.put("occurredAt", decided.occurredAt().toString());
        data.put(
                "recordId",
                decided.recordId() == null ? null : decided.recordId().toString());
        return data;
    }
}
