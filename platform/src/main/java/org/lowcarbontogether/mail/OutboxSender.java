package org.lowcarbontogether.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.platform.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Every few seconds ({@code lct.mail.poll-interval}) it claims the messages that are due with
 * {@code for update skip locked}, sends each as multipart text and HTML, and records the outcome in the same
 * transaction: sent; or, after a failure, tried again later with a doubling wait; or, after the last attempt, FAILED
 * with the error. Several instances may run it at once: a message is held by one of them until its outcome is
 * committed. A message whose sending succeeded but whose outcome could not be committed (the instance died in
 * between) is sent again: at least once, never twice by two instances.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /** What came of one attempt to send a message. */
    sealed interface Outcome {
        record Sent(int attempts) implements Outcome {}

        record Retry(int attempts, Instant next, String error) implements Outcome {}

        record Failed(int attempts, String error) implements Outcome {}
    }

    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> senders;
    private final OutboxProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;

    private final ClusterJobs jobs;

    OutboxSender(
            Outbox outbox,
            ObjectProvider<JavaMailSender> senders,
            OutboxProperties properties,
            Clock clock,
            PlatformTransactionManager transactionManager,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.senders = senders;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(
            fixedDelayString = "${lct.mail.poll-interval:PT5S}",
            initialDelayString = "${lct.mail.poll-interval:PT5S}")
    void sendOnSchedule() {
        jobs.once("mail-outbox", Duration.ZERO, this::sendDue);
    }

    /** Sends what is due (one instance at a time when scheduled). */
    void sendDue() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            return;
        }
        try {
            // A full batch means more may be waiting: carry on until a batch comes back short.
            while (sendBatch(sender) == properties.batchSize()) {
                log.debug("Sent a full batch of mail; looking for more");
            }
        } catch (RuntimeException e) {
            log.warn("Sending mail failed; trying again at the next run", e);
        }
    }

    /** Claims, sends and records one batch of due messages in one transaction; returns how many it claimed. */
    int sendBatch(JavaMailSender sender) {
        Integer claimed = transactions.execute(status -> {
            var due = outbox.claim(clock.instant(), properties.batchSize());
            for (var message : due) {
                keep(message.id(), deliver(sender, message, outbox.attachments(message.id())));
            }
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }

    /** Sends one message; a failure is retried later, or given up after the last attempt. */
    Outcome deliver(JavaMailSender sender, Outbox.Pending message, List<Attachment> attachments) {
        int attempts = message.attempts() + 1;
        try {
            sender.send(mime(sender, message, attachments));
            return new Outcome.Sent(attempts);
        } catch (MailException | MessagingException e) {
            String error = Failures.describe(e);
            if (attempts >= properties.maxAttempts()) {
                log.warn("Mail {} not sent after {} attempts, given up: {}", message.id(), attempts, error);
                return new Outcome.Failed(attempts, error);
            }
            log.info("Mail {} not sent (attempt {}), trying again later: {}", message.id(), attempts, error);
            return new Outcome.Retry(attempts, clock.instant().plus(properties.backoff(attempts)), error);
        }
    }

    private void keep(UUID id, Outcome outcome) {
        switch (outcome) {
            case Outcome.Sent sent -> outbox.sent(id, sent.attempts(), clock.instant());
            case Outcome.Retry retry -> outbox.retry(id, retry.attempts(), retry.next(), retry.error());
            case Outcome.Failed failed -> outbox.failed(id, failed.attempts(), failed.error(), clock.instant());
        }
    }

    private MimeMessage mime(JavaMailSender sender, Outbox.Pending message, List<Attachment> attachments)
            throws MessagingException {
        MimeMessage mime = sender.createMimeMessage();
        // multipart/mixed: the text and HTML as multipart/alternative, then any attachments
        var helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(message.recipient());
        helper.setSubject(message.subject());
        helper.setText(message.text(), message.html());
        for (var attachment : attachments) {
            helper.addAttachment(
                    attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
        }
        if (message.listUnsubscribe() != null) {
            mime.setHeader("List-Unsubscribe", "<" + message.listUnsubscribe() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return mime;
    }

    /** Forgets the messages finished longer ago than the retention period ({@code lct.mail.retention}), daily. */
    @Scheduled(cron = "${lct.mail.purge-cron:0 23 3 * * *}")
    void purgeOnSchedule() {
        jobs.once("mail-purge", Duration.ofHours(1), this::purge);
    }

    void purge() {
        int purged = outbox.purge(clock.instant().minus(properties.retention()));
        if (purged > 0) {
            log.info("Purged {} messages from the mail outbox", purged);
        }
    }
}
