package org.lowcarbontogether.webhooks;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are sent ({@code lct.webhooks.*}).
 *
 * @param retrySchedule the wait before each retry after a failed attempt (the first attempt is immediate); a message
 *     whose every attempt failed is given up after the last one
 * @param jitter a random share of each wait added to it (0.1: up to 10 % later), so retries do not come in waves
 * @param connectTimeout how long to wait for a connection
 * @param timeout how long an attempt may take in all, answer included
 * @param lease how long a sender holds a claimed message; one that died mid-send leaves it due again after this
 * @param batchSize messages claimed, and sent in parallel, at a time
 * @param retention how long a delivered or given-up message and its attempts are kept
 * @param rotationOverlap how long a rotated-out secret still signs beside the new one
 * @param maxEndpointsPerOwner the most endpoints one owner may register
 * @param allowPrivateAddresses whether endpoints may be loopback, private or link-local addresses (and, for those
 *     alone, plain http): only for development and tests
 */
@ConfigurationProperties("lct.webhooks")
record WebhookProperties(
        @DefaultValue({"PT5S", "PT5M", "PT30M", "PT2H", "PT5H", "PT10H", "PT10H", "PT14H", "PT14H", "PT16H"})
        List<Duration> retrySchedule,

        @DefaultValue("0.1") double jitter,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT15S") Duration timeout,
        @DefaultValue("PT2M") Duration lease,
        @DefaultValue("20") int batchSize,
        @DefaultValue("P30D") Duration retention,
        @DefaultValue("PT24H") Duration rotationOverlap,
        @DefaultValue("10") int maxEndpointsPerOwner,
        @DefaultValue("false") boolean allowPrivateAddresses) {

    WebhookProperties {
        retrySchedule = List.copyOf(retrySchedule);
        if (retrySchedule.stream().anyMatch(wait -> wait.isNegative() || wait.isZero())) {
            throw new IllegalArgumentException("lct.webhooks.retry-schedule: every wait must be positive");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("lct.webhooks.jitter is a share between 0 and 1");
        }
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("lct.webhooks.lease must be at least twice lct.webhooks.timeout");
        }
        batchSize = Math.max(1, batchSize);
        maxEndpointsPerOwner = Math.max(1, maxEndpointsPerOwner);
    }

    /** The whole retry schedule: how long after its first attempt a message that always fails is given up. */
    Duration retryWindow() {
        return retrySchedule.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The wait after the failed attempt that used {@code retries} retries: the schedule's, made up to {@link #jitter}
     * longer by {@code random} (from 0 to 1), or what the receiver asked with {@code Retry-After} when that is longer
     * (never more than the schedule's longest wait).
     */
    Duration wait(int retries, @Nullable Duration retryAfter, double random) {
        Duration scheduled = retrySchedule.get(retries);
        Duration wait = scheduled.plusMillis((long) (scheduled.toMillis() * jitter * random));
        if (retryAfter == null) {
            return wait;
        }
        Duration longest = retrySchedule.stream().max(Duration::compareTo).orElse(wait);
        Duration asked = retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        return asked.compareTo(wait) > 0 ? asked : wait;
    }
}
