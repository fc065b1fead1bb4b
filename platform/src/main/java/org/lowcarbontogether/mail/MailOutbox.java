package org.lowcarbontogether.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/** The outbox as administrators read it: every message, sent or not, with its text — for administrators only. */
@Service
public class MailOutbox {

    /** Messages shown on one page of the outbox. */
    public static final int PAGE_SIZE = 50;

    /** A message in the list. */
    public record Entry(
            UUID id,
            String recipient,
            String subject,
            String template,
            OutboxState state,
            int attempts,
            Instant createdAt,
            @Nullable Instant sentAt,
            Instant nextAttemptAt,
            @Nullable String lastError) {}

    /** A message opened: its language, plain text, HTML and the names of its attachments. */
    public record Message(
            Entry entry,
            String language,
            String text,
            String html,
            @Nullable String listUnsubscribe,
            List<String> attachments) {}

    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> senders;

    MailOutbox(Outbox outbox, ObjectProvider<JavaMailSender> senders) {
        this.outbox = outbox;
        this.senders = senders;
    }

    /** Whether a mail server is configured ({@code spring.mail.host}); without one, messages are only kept here. */
    public boolean hasMailServer() {
        return senders.getIfAvailable() != null;
    }

    /** One page (from 0) of messages, newest first, filtered by part of an address and by state. */
    public List<Entry> list(Actor me, @Nullable String address, @Nullable OutboxState state, int page) {
        requireAdministrator(me);
        String filter = address == null || address.isBlank() ? null : address.strip();
        return outbox.list(filter, state, PAGE_SIZE + 1, Math.max(0, page) * PAGE_SIZE);
    }

    public Message get(Actor me, UUID id) {
        requireAdministrator(me);
        return outbox.find(id).orElseThrow(() -> Refusal.notFound("mail-unknown", "id", id));
    }

    private static void requireAdministrator(Actor me) {
        if (!me.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("forbidden", null);
        }
    }
}
