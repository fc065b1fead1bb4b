package org.lowcarbontogether.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock a person out. Wrong passwords are counted per account and
 * address, and per account from every address; past a free allowance each further attempt must wait twice as long as
 * the one before. From one address the wait grows to 15 minutes; across all addresses it stops at one minute, so a
 * person trying from their own address always gets in within a minute however hard someone else is guessing. A waiting
 * attempt is answered 429 before the password is looked at, so it tells nothing about the password; a right password
 * clears the count for that address. The counts live in PostgreSQL ({@code sign_in_failure}), so guesses spread over
 * several instances are counted together; a count older than a day is forgotten.
 */
@Component
public class SignInThrottle {

    private static final Duration MAX_WAIT_PER_ADDRESS = Duration.ofMinutes(15);
    private static final Duration MAX_WAIT_PER_ACCOUNT = Duration.ofMinutes(1);

    private static final Duration MEMORY = Duration.ofHours(24);

    /** Where the counts are kept: PostgreSQL, or (for unit tests) a map. */
    interface Counts {
        /** The counts of these keys changed after {@code since}. */
        Map<String, Failures> find(List<String> keys, Instant since);

        /** One more failure for each key at {@code now}; a count last changed before {@code since} starts afresh. */
        void add(List<String> keys, Instant now, Instant since);

        void clear(String key);
    }

    record Failures(int count, Instant last) {

        /** When the next attempt may be made: free for the first {@code free}, then 1, 2, 4 … seconds up to {@code max}. */
        Instant nextAllowed(int free, Duration max) {
            if (count < free) {
                return Instant.MIN;
            }
            int doublings = Math.min(count - free, 20);
            Duration wait = Duration.ofSeconds(1L << doublings);
            return last.plus(wait.compareTo(max) > 0 ? max : wait);
        }
    }

    private final Clock clock;
    private final Counts failures;
    private final int freePerAddress;
    private final int freePerAccount;

    @Autowired
    SignInThrottle(
            Clock clock,
            JdbcClient jdbc,
            @Value("${lct.sign-in.free-attempts-per-address:5}") int freePerAddress,
            @Value("${lct.sign-in.free-attempts-per-account:20}") int freePerAccount) {
        this(clock, new Stored(jdbc), freePerAddress, freePerAccount);
    }

    SignInThrottle(Clock clock, Counts failures, int freePerAddress, int freePerAccount) {
        this.clock = clock;
        this.failures = failures;
        this.freePerAddress = freePerAddress;
        this.freePerAccount = freePerAccount;
    }

    /** How long this address must wait before trying this account's password again; zero when it may try now. */
    public Duration waitBefore(String account, String address) {
        Instant now = clock.instant();
        String key = normalise(account);
        String pair = "pair:" + key + "|" + address;
        String whole = "account:" + key;
        Map<String, Failures> known = failures.find(List.of(pair, whole), now.minus(MEMORY));
        Instant allowed = later(
                nextAllowed(known.get(pair), freePerAddress, MAX_WAIT_PER_ADDRESS),
                nextAllowed(known.get(whole), freePerAccount, MAX_WAIT_PER_ACCOUNT));
        return allowed.isAfter(now) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** A wrong password for this account from this address. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        String key = normalise(account);
        failures.add(List.of("pair:" + key + "|" + address, "account:" + key), now, now.minus(MEMORY));
    }

    /** The right password: this address starts afresh; the account-wide count stays, it belongs to everyone else. */
    public void succeeded(String account, String address) {
        failures.clear("pair:" + normalise(account) + "|" + address);
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        String address = addressOf(event.getAuthentication().getDetails());
        if (address != null && event.getAuthentication().getName() != null) {
            failed(event.getAuthentication().getName(), address);
        }
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        String address = addressOf(event.getAuthentication().getDetails());
        if (address != null) {
            succeeded(event.getAuthentication().getName(), address);
        }
    }

    private static Instant nextAllowed(@Nullable Failures known, int free, Duration max) {
        return known == null ? Instant.MIN : known.nextAllowed(free, max);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String normalise(String account) {
        return account.strip().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String addressOf(@Nullable Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    /** The counts in PostgreSQL, shared by every instance. */
    private record Stored(JdbcClient jdbc) implements Counts {

        @Override
        public Map<String, Failures> find(List<String> keys, Instant since) {
            var found = new HashMap<String, Failures>();
            jdbc.sql("select key, failures, last_at from sign_in_failure where key in (:keys) and last_at > :since")
                    .param("keys", keys)
                    .param("since", Timestamp.from(since))
                    .query((rs, n) -> found.put(
                            rs.getString("key"),
                            new Failures(
                                    rs.getInt("failures"),
                                    rs.getTimestamp("last_at").toInstant())))
                    .list();
            return found;
        }

        @Override
        public void add(List<String> keys, Instant now, Instant since) {
            for (String key : keys) {
                jdbc.sql("""
                                insert into sign_in_failure as f (key, failures, last_at) values (:key, 1, :now)
                                on conflict (key) do update
                                set failures = case when f.last_at <= :since then 1 else f.failures + 1 end,
                                    last_at = greatest(f.last_at, excluded.last_at)""")
                        .param("key", key)
                        .param("now", Timestamp.from(now))
                        .param("since", Timestamp.from(since))
                        .update();
            }
        }

        @Override
        public void clear(String key) {
            jdbc.sql("delete from sign_in_failure where key = :key")
                    .param("key", key)
                    .update();
        }
    }
}
