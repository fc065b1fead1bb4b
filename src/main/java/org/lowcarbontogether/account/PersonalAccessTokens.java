package org.lowcarbontogether.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.lowcarbontogether.platform.ApiTokenAuthenticator;
import org.lowcarbontogether.shared.Hashes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    PersonalAccessTokens(JdbcClient jdbc, Clock clock, @Value("${lct.tokens.lifetime:P90D}") Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

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
        // One query for the token and its person: this runs on every API request.
        return jdbc.sql("""
                        select u.id, u.email, u.display_name, u.roles from personal_access_token t join app_user u on u.id = t.user_id
                        where t.token_hash = :hash and t.revoked_at is null and t.expires_at > :now""")
                .param("hash", hash(token))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query((rs, n) -> {
                    var principal = new AuthenticatedUser(rs.getObject("id", UUID.class), rs.getString("email"),
                            rs.getString("display_name"), Users.roles(rs.getString("roles")), null);
                    return (Authentication) UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
                })
                .optional();
    }

    /** Revokes every token of a user; effective on the next request. */
    @Transactional
    public int revokeAll(UUID userId) {
        return jdbc.sql("update personal_access_token set revoked_at = :now where user_id = :userId and revoked_at is null")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("userId", userId)
                .update();
    }

    static String hash(String token) {
        return Hashes.sha256(token);
    }
}
