package org.lowcarbontogether.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.Serializable;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ApiTokenAuthenticator;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens for the API: 256 random bits, shown once, stored only as a SHA-256 hash (a fast hash is
 * enough for secrets of this entropy), expiring after {@code lct.tokens.lifetime}, each limited to the scopes chosen
 * when it was issued. Their owner lists and revokes them; a revoked token is refused at once on this instance and
 * within a second on the others ({@link AccountChanges}).
 */
@Service
public class PersonalAccessTokens implements ApiTokenAuthenticator {

    static final String PREFIX = "lct_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How often a token's last use is written down: not on every request. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    /** What a token may do: read anything its owner may see, record their own behaviours and actions, organise others'. */
    public enum Scope {
        READ,
        RECORD,
        ORGANISE;

        public String authority() {
            return ApiTokenAuthenticator.SCOPE_PREFIX + name().toLowerCase(Locale.ROOT);
        }

        static Set<Scope> parse(String stored) {
            var scopes = EnumSet.noneOf(Scope.class);
            Arrays.stream(stored.split(","))
                    .filter(s -> !s.isBlank())
                    .map(s -> valueOf(s.strip().toUpperCase(Locale.ROOT)))
                    .forEach(scopes::add);
            return scopes;
        }

        static String store(Set<Scope> scopes) {
            return scopes.stream()
                    .map(s -> s.name().toLowerCase(Locale.ROOT))
                    .sorted()
                    .collect(Collectors.joining(","));
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final AccountChanges changes;
    private final Cache<String, Checked> checked;

    PersonalAccessTokens(
            JdbcClient jdbc,
            Clock clock,
            @Value("${lct.tokens.lifetime:P90D}") Duration lifetime,
            @Value("${lct.tokens.cache:PT10S}") Duration cache,
            AccountChanges changes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
        this.changes = changes;
        this.checked = Caffeine.newBuilder()
                .expireAfterWrite(cache)
                .maximumSize(100_000)
                .build();
        changes.onChange(this::forgetLocally);
    }

    /** A token found valid: whose it is, which token, what it may do, and until when. */
    private record Checked(AuthenticatedUser user, UUID tokenId, Set<Scope> scopes, Instant expiresAt) {}

    /** A token as issued: the secret itself is never stored and cannot be shown again. */
    public record IssuedToken(UUID id, String token, Set<Scope> scopes, Instant expiresAt) implements Serializable {}

    /** A token as its owner sees it in the list: never its secret. */
    public record TokenView(
            UUID id,
            String name,
            Set<Scope> scopes,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            Instant expiresAt) {}

    @Transactional
    public IssuedToken issue(UUID userId, String name) {
        return issue(userId, name, EnumSet.allOf(Scope.class));
    }

    @Transactional
    public IssuedToken issue(UUID userId, String name, Set<Scope> scopes) {
        if (scopes.isEmpty()) {
            throw Refusal.invalid(List.of(Refusal.Violation.of("scopes", "token-scopes-required")));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into personal_access_token (id, user_id, token_hash, name, created_at, expires_at, scopes)
                        values (:id, :userId, :hash, :name, :now, :expiresAt, :scopes)""")
                .param("id", id)
                .param("userId", userId)
                .param("hash", hash(token))
                .param("name", name)
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("scopes", Scope.store(scopes))
                .update();
        SecurityEvents.record("token-issued", userId, "token=" + id + " scopes=" + Scope.store(scopes));
        return new IssuedToken(id, token, Set.copyOf(scopes), expiresAt);
    }

    /** The token's person and scopes; a token of a suspended person is refused ({@code account-suspended}). */
    @Override
    public Optional<Authentication> authenticate(String token) {
        if (!token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        Checked known = checked.getIfPresent(hash);
        if (known == null) {
            // One query for the token and its person; the last use is written down at most once a minute.
            var found = jdbc.sql("""
                            select u.id, u.email, u.display_name, u.roles, u.credentials_version, t.id as token_id, t.scopes,
                                t.expires_at, t.last_used_at, u.suspended_at is not null as suspended
                            from personal_access_token t join app_user u on u.id = t.user_id
                            where t.token_hash = :hash and t.revoked_at is null and t.expires_at > :now""")
                    .param("hash", hash)
                    .param("now", Timestamp.from(now))
                    .query((rs, n) -> new Object[] {
                        new Checked(
                                new AuthenticatedUser(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("email"),
                                        rs.getString("display_name"),
                                        Users.roles(rs.getString("roles")),
                                        null,
                                        rs.getInt("credentials_version")),
                                rs.getObject("token_id", UUID.class),
                                Scope.parse(rs.getString("scopes")),
                                rs.getTimestamp("expires_at").toInstant()),
                        rs.getTimestamp("last_used_at"),
                        rs.getBoolean("suspended")
                    })
                    .optional()
                    .orElse(null);
            if (found != null && Boolean.TRUE.equals(found[2])) {
                // Not remembered: a reinstatement is seen on the next request.
                throw new Refusal(Refusal.Kind.FORBIDDEN, "account-suspended", null);
            }
            known = found == null ? null : (Checked) found[0];
            if (found != null
                    && known != null
                    && (found[1] == null
                            || ((Timestamp) found[1]).toInstant().isBefore(now.minus(LAST_USED_PRECISION)))) {
                jdbc.sql("update personal_access_token set last_used_at = :now where id = :id")
                        .param("now", Timestamp.from(now))
                        .param("id", known.tokenId())
                        .update();
            }
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
        var authorities = new ArrayList<GrantedAuthority>(principal.getAuthorities());
        known.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority(s.authority())));
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities);
        authentication.setDetails(known.tokenId());
        return Optional.of(authentication);
    }

    /** A person's tokens that still work, newest first. */
    public List<TokenView> list(UUID userId) {
        return jdbc.sql("""
                        select id, name, scopes, created_at, last_used_at, expires_at from personal_access_token
                        where user_id = :user and revoked_at is null and expires_at > :now order by created_at desc""")
                .param("user", userId)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> new TokenView(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        Scope.parse(rs.getString("scopes")),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null
                                ? null
                                : rs.getTimestamp("last_used_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** Revokes one of a person's tokens (404 for a token that is not theirs or no longer works). */
    @Transactional
    public void revoke(UUID userId, UUID tokenId) {
        int revoked = jdbc.sql("""
                        update personal_access_token set revoked_at = :now
                        where id = :id and user_id = :user and revoked_at is null""")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", tokenId)
                .param("user", userId)
                .update();
        if (revoked == 0) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "token-unknown", "id", tokenId);
        }
        SecurityEvents.record("token-revoked", userId, "token=" + tokenId);
        forget(userId);
    }

    /** Revokes every token of a user but {@code keep} (if any); effective at once. */
    @Transactional
    public int revokeAll(UUID userId, @Nullable UUID keep) {
        int revoked = jdbc.sql("""
                        update personal_access_token set revoked_at = :now
                        where user_id = :userId and revoked_at is null and (cast(:keep as uuid) is null or id <> :keep)""")
                .param("now", Timestamp.from(clock.instant()))
                .param("userId", userId)
                .param("keep", keep)
                .update();
        SecurityEvents.record("tokens-revoked", userId, "count=" + revoked + " kept=" + keep);
        forget(userId);
        return revoked;
    }

    @Transactional
    public int revokeAll(UUID userId) {
        return revokeAll(userId, null);
    }

    /**
     * Forgets the person's checked tokens on every instance, now and after the current transaction commits (a request in
     * between could otherwise remember the state before the change), so the next request reads their tokens and roles
     * afresh.
     */
    void forget(UUID userId) {
        changes.changed(userId);
    }

    private void forgetLocally(@Nullable UUID userId) {
        if (userId == null) {
            checked.invalidateAll();
        } else {
            checked.asMap().values().removeIf(c -> c.user().id().equals(userId));
        }
    }

    static String hash(String token) {
        return Hashes.sha256(token);
    }
}
