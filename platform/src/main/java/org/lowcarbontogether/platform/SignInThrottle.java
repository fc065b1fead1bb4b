package org.lowcarbontogether.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
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
 * clears the count for that address.
 */
@Component
public class SignInThrottle {

    private static final Duration MAX_WAIT_PER_ADDRESS = Duration.ofMinutes(15);
    private static final Duration MAX_WAIT_PER_ACCOUNT = Duration.ofMinutes(1);

    private record Failures(int count, Instant last) {

        Failures plusOne(Instant now) {
            return new Failures(count + 1, now);
        }

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
    private final int freePerAddress;
    private final int freePerAccount;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterWrite(Duration.ofHours(24))
            .build();

    SignInThrottle(
            Clock clock,
            @Value("${lct.sign-in.free-attempts-per-address:5}") int freePerAddress,
            @Value("${lct.sign-in.free-attempts-per-account:20}") int freePerAccount) {
        this.clock = clock;
        this.freePerAddress = freePerAddress;
        this.freePerAccount = freePerAccount;
    }

    /** How long this address must wait before trying this account's password again; zero when it may try now. */
    public Duration waitBefore(String account, String address) {
        Instant now = clock.instant();
        String key = normalise(account);
        Instant allowed = later(
                nextAllowed("pair:" + key + "|" + address, freePerAddress, MAX_WAIT_PER_ADDRESS),
                nextAllowed("account:" + key, freePerAccount, MAX_WAIT_PER_ACCOUNT));
        return allowed.isAfter(now) ? Duration.between(now, allowed) : Duration.ZERO;
    }

    /** A wrong password for this account from this address. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        String key = normalise(account);
        for (String k : new String[] {"pair:" + key + "|" + address, "account:" + key}) {
            failures.asMap().merge(k, new Failures(1, now), (old, one) -> old.plusOne(now));
        }
    }

    /** The right password: this address starts afresh; the account-wide count stays, it belongs to everyone else. */
    public void succeeded(String account, String address) {
        failures.invalidate("pair:" + normalise(account) + "|" + address);
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

    private Instant nextAllowed(String key, int free, Duration max) {
        Failures known = failures.getIfPresent(key);
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
}
