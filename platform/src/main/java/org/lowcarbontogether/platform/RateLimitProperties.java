package org.lowcarbontogether.platform;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request budgets. Each is a token bucket: {@code capacity} requests, refilled evenly over {@code period}, kept in
 * PostgreSQL by {@link RateBudgets}, so a budget holds across every instance; behind a proxy, set
 * {@code server.forward-headers-strategy=native} so the client's address is used.
 *
 * @param signIn sign-in and token requests per client address
 * @param registration registrations per client address
 * @param writes API and form writes per signed-in person
 * @param anonymousWrites writes by callers who are not signed in (story views and shares, calculations), per address
 * @param partnerClients requests to the partner API per OAuth client (a bulk upload is one request)
 */
@ConfigurationProperties("lct.rate-limits")
public record RateLimitProperties(
        @Nullable Budget signIn,
        @Nullable Budget registration,
        @Nullable Budget writes,
        @Nullable Budget anonymousWrites,
        @Nullable Budget partnerClients) {

    public RateLimitProperties {
        signIn = signIn == null ? new Budget(20, Duration.ofMinutes(1)) : signIn;
        registration = registration == null ? new Budget(10, Duration.ofHours(1)) : registration;
        writes = writes == null ? new Budget(120, Duration.ofMinutes(1)) : writes;
        anonymousWrites = anonymousWrites == null ? new Budget(60, Duration.ofMinutes(1)) : anonymousWrites;
        partnerClients = partnerClients == null ? new Budget(600, Duration.ofMinutes(1)) : partnerClients;
    }

    @Override
    public Budget partnerClients() {
        return Objects.requireNonNull(partnerClients);
    }

    @Override
    public Budget anonymousWrites() {
        return Objects.requireNonNull(anonymousWrites);
    }

    @Override
    public Budget signIn() {
        return Objects.requireNonNull(signIn);
    }

    @Override
    public Budget registration() {
        return Objects.requireNonNull(registration);
    }

    @Override
    public Budget writes() {
        return Objects.requireNonNull(writes);
    }

    /** A budget of {@code capacity} requests per {@code period} (one minute when only the capacity is set). */
    public record Budget(int capacity, @Nullable Duration period) {
        public Budget {
            if (capacity < 1) {
                throw new IllegalArgumentException("A rate-limit budget needs a capacity of at least 1");
            }
            period = period == null ? Duration.ofMinutes(1) : period;
        }

        @Override
        public Duration period() {
            return Objects.requireNonNull(period);
        }
    }
}
