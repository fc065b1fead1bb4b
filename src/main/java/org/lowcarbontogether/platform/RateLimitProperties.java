package org.lowcarbontogether.platform;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request budgets. Each is a token bucket: {@code capacity} requests, refilled evenly over {@code period}. Budgets are
 * per application instance (the platform keeps no shared state); behind a proxy, set
 * {@code server.forward-headers-strategy=native} so the client's address is used.
 *
 * @param signIn sign-in and token requests per client address
 * @param signInPerAccount sign-in and token requests per account email
 * @param registration registrations per client address
 * @param writes API and form writes per signed-in person
 */
@ConfigurationProperties("lct.rate-limits")
public record RateLimitProperties(
        @DefaultValue({"20", "PT1M"}) Budget signIn,
        @DefaultValue({"10", "PT15M"}) Budget signInPerAccount,
        @DefaultValue({"10", "PT1H"}) Budget registration,
        @DefaultValue({"120", "PT1M"}) Budget writes) {

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
