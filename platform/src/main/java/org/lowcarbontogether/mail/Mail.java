package org.lowcarbontogether.mail;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends email — later. {@link #enqueue} writes the message, in its recipient's language, into the outbox in the
 * caller's transaction: it leaves with the caller's commit or not at all, and never while a request waits. The sender
 * job delivers it within seconds when a mail server is configured; without one it is kept as "not sent: no mail
 * server" for administrators to read.
 */
@Service
public class Mail {

    /** The languages mail is written in; any other is written in English. */
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static final Logger log = LoggerFactory.getLogger(Mail.class);

    private final MailTemplates templates;
    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> senders;
    private final ObjectProvider<MailRecipients> recipients;
    private final Clock clock;

    Mail(
            MailTemplates templates,
            Outbox outbox,
            ObjectProvider<JavaMailSender> senders,
            ObjectProvider<MailRecipients> recipients,
            Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.senders = senders;
        this.recipients = recipients;
        this.clock = clock;
    }

    /**
     * Writes the message and keeps it in the outbox to be sent. Returns its id in the outbox, or nothing when it is for a
     * person who has no account (any more).
     */
    @Transactional
    public Optional<UUID> enqueue(Message message) {
        Optional<Recipient.Address> found = switch (message.to()) {
            case Recipient.Address address -> Optional.of(address);
            case Recipient.Person person -> recipients.getObject().addressOf(person.id());
        };
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var to = found.get();
        Locale language = language(to.language());
        var written = templates.write(message, language);
        boolean server = senders.getIfAvailable() != null;
        UUID id = UUID.randomUUID();
        outbox.insert(
                new Outbox.Row(
                        id,
                        to.email(),
                        language.toLanguageTag(),
                        message.template(),
                        written,
                        message.listUnsubscribe() == null
                                ? null
                                : message.listUnsubscribe().toString(),
                        server ? OutboxState.QUEUED : OutboxState.NO_SERVER,
                        server ? null : "no mail server",
                        clock.instant()),
                message.attachments());
        log.debug("Mail {} ({}) enqueued, {}", id, message.template(), server ? "to be sent" : "no mail server");
        return Optional.of(id);
    }

    /** The language a message is written in: Simplified Chinese for any Chinese, English otherwise. */
    public static Locale language(Locale requested) {
        return requested.getLanguage().equals("zh") ? CHINESE : Locale.ENGLISH;
    }
}
