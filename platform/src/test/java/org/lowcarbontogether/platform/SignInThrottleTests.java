package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong passwords slow the guesser from their address; from everywhere at once they slow, but never lock, the account. */
class SignInThrottleTests {

    private Instant now = Instant.parse("2026-12-07T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SignInThrottle throttle = new SignInThrottle(clock, new InMemory(), 5, 20);

    /** The counts in a map, as PostgreSQL keeps them for the platform. */
    private static final class InMemory implements SignInThrottle.Counts {
        private final Map<String, SignInThrottle.Failures> counts = new HashMap<>();

        @Override
        public Map<String, SignInThrottle.Failures> find(List<String> keys, Instant since) {
            var found = new HashMap<String, SignInThrottle.Failures>();
            keys.forEach(k -> {
                var known = counts.get(k);
                if (known != null && known.last().isAfter(since)) {
                    found.put(k, known);
                }
            });
            return found;
        }

        @Override
        public void add(List<String> keys, Instant now, Instant since) {
            keys.forEach(k -> counts.merge(
                    k,
                    new SignInThrottle.Failures(1, now),
                    (old, one) -> new SignInThrottle.Failures(old.last().isAfter(since) ? old.count() + 1 : 1, now)));
        }

        @Override
        public void clear(String key) {
            counts.remove(key);
        }
    }

    @Test
    void aGuesserWaitsTwiceAsLongAfterEachWrongPasswordPastTheFreeOnes() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitBefore("mei@example.org", "10.0.0.9")).isZero();
            throttle.failed("mei@example.org", "10.0.0.9");
        }
        assertThat(throttle.waitBefore("Mei@Example.org ", "10.0.0.9"))
                .as("same account, however written")
                .isEqualTo(Duration.ofSeconds(1));
        now = now.plusSeconds(1);
        throttle.failed("mei@example.org", "10.0.0.9");
        assertThat(throttle.waitBefore("mei@example.org", "10.0.0.9")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) {
            throttle.failed("mei@example.org", "10.0.0.9");
        }
        assertThat(throttle.waitBefore("mei@example.org", "10.0.0.9"))
                .as("capped per address")
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("mei@example.org", "192.168.1.20"))
                .as("the owner elsewhere waits at most a minute")
                .isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.waitBefore("li@example.org", "10.0.0.9"))
                .as("another account from there")
                .isZero();
    }

    @Test
    void guessesFromManyAddressesSlowTheAccountButNeverLockIt() {
        for (int i = 0; i < 200; i++) {
            throttle.failed("mei@example.org", "10.1." + (i / 250) + "." + (i % 250));
        }
        Duration wait = throttle.waitBefore("mei@example.org", "192.168.1.20");
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        now = now.plus(wait);
        assertThat(throttle.waitBefore("mei@example.org", "192.168.1.20")).isZero();
    }

    @Test
    void theRightPasswordClearsTheCountForItsAddress() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("mei@example.org", "10.0.0.9");
        }
        throttle.succeeded("mei@example.org", "10.0.0.9");
        assertThat(throttle.waitBefore("mei@example.org", "10.0.0.9")).isZero();
    }
}
