package org.lowcarbontogether.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.lowcarbontogether.platform.ApiTokenAuthenticator;
import org.lowcarbontogether.shared.Hashes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Personal access tokens for the API: 256 random bits, shown once, stored only as a SHA-256 hash (a fast hash is
 * enough for secrets of this entropy), expiring after {@code lct.tokens.lifetime}.
 */
@Service
public class PersonalAccessTokens implements ApiTokenAuthenticator {

    static final String PREFIX = "lct_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final Cache<String, Checked> checked;

    PersonalAccessTokens(JdbcClient jdbc, Clock clock, @Value("${lct.tokens.lifetime:P90D}") Duration lifetime,
            @Value("${lct.tokens.cache:PT10S}") Duration cache) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
        this.checked = Caffeine.newBuilder().expireAfterWrite(cache).maximumSize(100_000).build();
    }

    /** A token found valid: whose it is, and until when. */
    private record Checked(AuthenticatedUser user, Instant expiresAt) {}

    /** A token as issued: the secret itself is never stored and cannot be shown again. */
    public record IssuedToken(String token, Instant expiresAt) {}

    @Transactional
    public IssuedToken issue(UUID userId, String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        jdbc.sql("""
                        insert into personal_access_token (id, user_id, token_hash, name, created_at, expires_at)
                        values (:id, :userId, :hash, :name, :now, :expiresAt)""")
                .param("id", UUID.randomUUID())
                .param("userId", userId)
                .param("hash", hash(token))
                .param("name", name)
                .param("now", java.sql.Timestamp.from(now))
                .param("expiresAt", java.sql.Timestamp.from(expiresAt))
                .update();
        return new IssuedToken(token, expiresAt);
    }

    @Override
    public Optional<Authentication> authenticate(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        Checked known = checked.getIfPresent(hash);
        if (known == null) {
            // One query for the token and its person.
            known = jdbc.sql("""
                            select u.id, u.email, u.display_name, u.roles, t.expires_at
                            from personal_access_token t join app_user u on u.id = t.user_id
                            where t.token_hash = :hash and t.revoked_at is null and t.expires_at > :now""")
                    .param("hash", hash)
                    .param("now", java.sql.Timestamp.from(now))
                    .query((rs, n) -> new Checked(new AuthenticatedUser(rs.getObject("id", UUID.class), rs.getString("email"),
                            rs.getString("display_name"), Users.roles(rs.getString("roles")), null),
                            rs.getTimestamp("expires_at").toInstant()))
                    .optional()
                    .orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            checked.put(hash, known);
        }
        if (!known.expiresAt().isAfter(now)) {
            checked.invalidate(hash);
            return Optional.empty();
        }
        var principal = known.user();
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
    }

    /** Revokes every token of a user; effective on the next request. */
    @Transactional
    public int revokeAll(UUID userId) {
        int revoked = jdbc.sql("update personal_access_token set revoked_at = :now where user_id = :userId and revoked_at is null")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("userId", userId)
                .update();
        forget(userId);
        return revoked;
    }

    /**
     * Forgets the person's checked tokens, now and after the current transaction commits (a request in between could
     * otherwise remember the state before the change), so the next request reads their tokens and roles afresh.
     */
    void forget(UUID userId) {
        checked.asMap().values().removeIf(c -> c.user().id().equals(userId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    checked.asMap().values().removeIf(c -> c.user().id().equals(userId));
                }
            });
        }
    }

    static String hash(String token) {
        return Hashes.sha256(token);
    }
}
