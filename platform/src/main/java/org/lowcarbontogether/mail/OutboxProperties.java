package org.lowcarbontogether.mail;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox sends. The mail server itself is Spring Boot's {@code spring.mail.*}: without {@code spring.mail.host}
 * nothing is sent and messages are kept for administrators to read.
 *
 * @param from the sender of every message, e.g. {@code Low Carbon Together <no-reply@example.org>}
 * @param maxAttempts attempts before a message is given up (FAILED)
 * @param retryDelay the wait after the first failed attempt; each further failure doubles it
 * @param maxRetryDelay the longest wait between two attempts
 * @param retention how long a message is kept after it was sent, given up or held for want of a server
 * @param batchSize messages one run of the sender claims at a time
 */
@ConfigurationProperties("lct.mail")
record OutboxProperties(
        @Nullable String from,
        @Nullable Integer maxAttempts,
        @Nullable Duration retryDelay,
        @Nullable Duration maxRetryDelay,
        @Nullable Duration retention,
        @Nullable Integer batchSize) {

    OutboxProperties {
        from = from == null || from.isBlank() ? "Low Carbon Together <no-reply@localhost>" : from;
        maxAttempts = maxAttempts == null ? 6 : Math.max(1, maxAttempts);
        retryDelay = retryDelay == null ? Duration.ofMinutes(1) : retryDelay;
        maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(1) : maxRetryDelay;
        retention = retention == null ? Duration.ofDays(30) : retention;
        batchSize = batchSize == null ? 20 : Math.max(1, batchSize);
    }

    @Override
    public String from() {
        return Objects.requireNonNull(from);
    }

    @Override
    public Integer maxAttempts() {
        return Objects.requireNonNull(maxAttempts);
    }

    @Override
    public Duration retryDelay() {
        return Objects.requireNonNull(retryDelay);
    }

    @Override
    public Duration maxRetryDelay() {
        return Objects.requireNonNull(maxRetryDelay);
    }

    @Override
    public Duration retention() {
        return Objects.requireNonNull(retention);
    }

    @Override
    public Integer batchSize() {
        return Objects.requireNonNull(batchSize);
    }

    /** How long to wait after the {@code failures}-th failed attempt: the retry delay doubled each time, capped. */
    Duration backoff(int failures) {
        Duration wait = retryDelay().multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return wait.compareTo(maxRetryDelay()) > 0 || wait.isNegative() ? maxRetryDelay() : wait;
    }
}
