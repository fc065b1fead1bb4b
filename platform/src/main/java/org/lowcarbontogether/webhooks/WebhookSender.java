package org.lowcarbontogether.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.platform.Failures;
import org.lowcarbontogether.platform.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Every second or so ({@code lct.webhooks.poll-interval}) it claims the messages that are due — a
 * lease by the database's clock, committed at once, so no transaction stays open while receivers answer — signs each
 * with its endpoint's secret (and a rotated-out one still honoured), posts them in parallel and then records each
 * attempt in its own transaction:
 * <ul>
 *   <li>2xx: delivered;
 *   <li>410 Gone: the endpoint is disabled at once;
 *   <li>anything else (3xx included, or no answer): tried again after the next wait of
 *       {@code lct.webhooks.retry-schedule} (later if the receiver asked with {@code Retry-After}); after the last, the
 *       message is given up, and its endpoint disabled if it has not answered 2xx for the whole schedule.
 * </ul>
 * A sender that dies mid-send leaves its messages due again when the lease ends, so a message is sent at least once
 * and, rarely, twice — always with the same {@code webhook-id}, by which a correct receiver deduplicates. Several
 * instances may run it: a message is held by one of them at a time.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookStore store;
    private final WebhookPoster poster;
    private final SecretCipher cipher;
    private final WebhookProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    private final ClusterJobs jobs;

    WebhookSender(
            WebhookStore store,
            WebhookPoster poster,
            SecretCipher cipher,
            WebhookProperties properties,
            Clock clock,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.store = store;
        this.poster = poster;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
    }

    @Scheduled(
            fixedDelayString = "${lct.webhooks.poll-interval:PT1S}",
            initialDelayString = "${lct.webhooks.poll-interval:PT1S}")
    void sendOnSchedule() {
        jobs.once("webhook-outbox", Duration.ZERO, this::sendDue);
    }

    /** Sends what is due (one instance at a time when scheduled). */
    void sendDue() {
        try {
            // A full batch means more may be waiting: carry on until a batch comes back short.
            while (sendBatch(null) == properties.batchSize()) {
                log.debug("Sent a full batch of webhooks; looking for more");
            }
        } catch (RuntimeException e) {
            log.warn("Sending webhooks failed; trying again at the next run", e);
        }
    }

    /**
     * Claims, sends and records one batch of due messages, of one owner or of all; returns how many it claimed.
     */
    int sendBatch(@Nullable UUID owner) {
        UUID lease = UUID.randomUUID();
        Instant now = clock.instant();
        List<WebhookStore.Claimed> claimed = transactions.execute(
                status -> store.claim(now, lease, properties.lease(), properties.batchSize(), owner));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        var answers = new LinkedHashMap<WebhookStore.Claimed, Future<Attempted>>();
        try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var message : claimed) {
                answers.put(message, parallel.submit(() -> attempt(message)));
            }
        }
        answers.forEach((message, answer) -> {
            try {
                Attempted attempted = answer.get();
                transactions.executeWithoutResult(status -> record(message, attempted, lease));
            } catch (ExecutionException | RuntimeException e) {
                // Not recorded: the lease ends and the message is due again.
                log.warn("Webhook {} attempt not recorded", message.id(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return claimed.size();
    }

    /** An attempt made: when, and what came back. */
    record Attempted(Instant at, WebhookPoster.Answer answer) {}

    /** Signs the message for this moment and posts it. */
    Attempted attempt(WebhookStore.Claimed message) {
        Instant at = clock.instant();
        long timestamp = at.getEpochSecond();
        List<String> secrets = new ArrayList<>();
        try {
            secrets.add(cipher.decrypt(message.endpointId(), message.secret()));
        } catch (IllegalStateException e) {
            return new Attempted(at, WebhookPoster.Answer.error(Failures.describe(e), 0));
        }
        byte[] previous = message.previousSecret();
        Instant previousUntil = message.previousSecretUntil();
        if (previous != null && previousUntil != null && at.isBefore(previousUntil)) {
            try {
                secrets.add(cipher.decrypt(message.endpointId(), previous));
            } catch (IllegalStateException e) {
                // Rotated after the encryption key changed: the new secret alone signs.
                log.warn("Webhook endpoint {}: its previous secret does not decrypt", message.endpointId());
            }
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put(WebhookSignatures.ID, message.webhookId());
        headers.put(WebhookSignatures.TIMESTAMP, Long.toString(timestamp));
        headers.put(
                WebhookSignatures.SIGNATURE,
                WebhookSignatures.signatureHeader(secrets, message.webhookId(), timestamp, message.payload()));
        return new Attempted(at, poster.post(message.url(), Collections.unmodifiableMap(headers), message.payload()));
    }

    /** Keeps the attempt and what follows from it: delivered, tried again later, given up, endpoint disabled. */
    void record(WebhookStore.Claimed claimed, Attempted attempted, UUID lease) {
        var answer = attempted.answer();
        Instant at = attempted.at();
        WebhookEndpoint endpoint = store.lockEndpoint(claimed.endpointId());
        var message = store.lockMessage(claimed.id()).orElse(null);
        if (message == null) {
            return;
        }
        store.insertAttempt(
                message.attempts() + 1,
                new WebhookStore.AttemptRow(
                        message.id(),
                        at,
                        claimed.manual() ? Delivery.Trigger.MANUAL : Delivery.Trigger.SCHEDULED,
                        answer.status(),
                        answer.error(),
                        answer.durationMillis(),
                        answer.response()));
        Integer status = answer.status();
        boolean succeeded = status != null && status / 100 == 2;
        if (succeeded) {
            store.succeeded(endpoint.id(), at);
        } else {
            store.failedAttempt(endpoint.id(), at);
        }
        // Another sender holds the message now (this one's lease ran out), or its owner redelivered it, or its
        // endpoint was disabled: the attempt is kept, the message is theirs.
        boolean ours = lease.equals(message.lease()) && message.state() == Delivery.State.PENDING;
        if (status != null && status == 410 && endpoint.state() == WebhookEndpoint.State.ACTIVE) {
            if (ours) {
                store.givenUp(message.id(), "HTTP 410 Gone", at);
            }
            disable(endpoint, WebhookEndpoint.DisabledReason.GONE, at);
            return;
        }
        if (!ours) {
            return;
        }
        if (succeeded) {
            store.delivered(message.id(), at);
            return;
        }
        String error = answer.error() == null ? "failed" : answer.error();
        if (message.retries() < properties.retrySchedule().size()) {
            Instant next = at.plus(properties.wait(
                    message.retries(),
                    answer.retryAfter(),
                    ThreadLocalRandom.current().nextDouble()));
            log.debug(
                    "Webhook {} attempt {} failed ({}), next at {}", message.id(), message.attempts() + 1, error, next);
            store.retry(message.id(), message.retries() + 1, next, error);
            return;
        }
        store.givenUp(message.id(), error, at);
        log.info("Webhook {} given up after {} attempts: {}", message.id(), message.attempts() + 1, error);
        Instant failingSince = endpoint.failingSince() == null ? at : endpoint.failingSince();
        if (endpoint.state() == WebhookEndpoint.State.ACTIVE
                && !failingSince.isAfter(at.minus(properties.retryWindow()))) {
            disable(endpoint, WebhookEndpoint.DisabledReason.FAILING, at);
        }
    }

    private void disable(WebhookEndpoint endpoint, WebhookEndpoint.DisabledReason reason, Instant at) {
        store.disable(endpoint.id(), reason, at);
        log.info("Webhook endpoint {} of {} disabled: {}", endpoint.id(), endpoint.ownerId(), reason);
        events.publishEvent(new WebhookEndpointDisabled(endpoint.ownerId(), endpoint.id(), endpoint.url(), reason, at));
    }

    /** Forgets delivered and given-up messages older than {@code lct.webhooks.retention}, daily. */
    @Scheduled(cron = "${lct.webhooks.purge-cron:0 37 3 * * *}")
    void purgeOnSchedule() {
        jobs.once("webhook-purge", Duration.ofHours(1), this::purge);
    }

    void purge() {
        int purged = store.purge(clock.instant().minus(properties.retention()));
        if (purged > 0) {
            log.info("Purged {} webhook messages", purged);
        }
    }
}
