package org.lowcarbontogether.partners;

import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.mail.Mail;
import org.lowcarbontogether.mail.Message;
import org.lowcarbontogether.mail.Recipient;
import org.lowcarbontogether.webhooks.WebhookEndpointDisabled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * When the platform disables a partner's webhook endpoint (it failed throughout the retry schedule, or answered 410
 * Gone), the organisers of the partner's organisation are told by email, each in their own language: which endpoint,
 * why, and how to enable it again and redeliver what was missed. Endpoints of owners that are not partners are not ours.
 */
@Component
class PartnerWebhookMail {

    private final Partners partners;
    private final Organisations organisations;
    private final Mail mail;

    PartnerWebhookMail(Partners partners, Organisations organisations, Mail mail) {
        this.partners = partners;
        this.organisations = organisations;
        this.mail = mail;
    }

    @ApplicationModuleListener
    void on(WebhookEndpointDisabled disabled) {
        var partner = partners.find(disabled.ownerId()).orElse(null);
        if (partner == null) {
            return;
        }
        organisations.members(partner.organisationId()).stream()
                .filter(m -> m.role() == Organisations.MemberRole.ORGANISER)
                .forEach(organiser ->
                        mail.enqueue(Message.to(Recipient.person(organiser.userId()), "partner-webhook-disabled")
                                .with("name", organiser.displayName())
                                .with("partnerEn", partner.nameEn())
                                .with("partnerZh", partner.nameZh())
                                .with("url", disabled.url().toString())
                                .with("endpointId", disabled.endpointId().toString())
                                .with("reason", disabled.reason().name())
                                .subject(partner.nameEn(), partner.nameZh())
                                .build()));
    }
}
