package org.lowcarbontogether.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use links sent by email. Each carries a 256-bit random secret; only its SHA-256 is stored, so the table
 * cannot be used to follow anyone's link. A link works once, until it expires; using it is one conditional update, so
 * two clicks at the same moment cannot both use it.
 */
@Repository
class AccountLinks {

    /** What a link does. */
    enum Purpose {
        VERIFY_EMAIL,
        RESET_PASSWORD,
        CHANGE_EMAIL,
        CANCEL_EMAIL_CHANGE,
        /** A guardian consents (or refuses) for a person under 14; sent to the guardian's address. */
        GUARDIAN_CONSENT
    }

    /** A stored link: whose, to which address (the new one for a change) and, for a change, the address before. */
    record Link(UUID userId, String email, @Nullable String oldEmail, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    AccountLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes a link and returns its secret, which is sent and never stored. */
    String issue(
            Purpose purpose, UUID userId, String email, @Nullable String oldEmail, Instant now, Duration lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("""
                        insert into account_link (token_hash, purpose, user_id, email, old_email, created_at, expires_at)
                        values (:hash, :purpose, :user, :email, :old, :now, :expires)""")
                .param("hash", Hashes.sha256(token))
                .param("purpose", purpose.name())
                .param("user", userId)
                .param("email", email)
                .param("old", oldEmail)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(lifetime)))
                .update();
        return token;
    }

    /** The link, if it can still be used; otherwise the refusal saying why (unknown, used, expired). */
    Link check(Purpose purpose, @Nullable String token, Instant now) {
        var row = find(purpose, token);
        if (row.isEmpty()) {
            throw Refusal.notFound("link-unknown", null);
        }
        if (row.get().usedAt() != null) {
            throw Refusal.conflict("link-used", null);
        }
        if (!row.get().link().expiresAt().isAfter(now)) {
            throw Refusal.unacceptable("link-expired", null);
        }
        return row.get().link();
    }

    /** Uses the link: it works this once. Refused as {@link #check} would be, also when another use came first. */
    Link use(Purpose purpose, @Nullable String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 100) {
            throw Refusal.notFound("link-unknown", null);
        }
        var used = jdbc.sql("""
                        update account_link set used_at = :now
                        where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now
                        returning user_id, email, old_email, expires_at""")
                .param("now", Timestamp.from(now))
                .param("hash", Hashes.sha256(token))
                .param("purpose", purpose.name())
                .query((rs, n) -> new Link(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("email"),
                        rs.getString("old_email"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
        return used.orElseGet(() -> {
            check(purpose, token, now);
            throw Refusal.conflict("link-used", null);
        });
    }

    /** Ends a person's unused links of one purpose (a newer request replaces them); returns how many. */
    int revoke(UUID userId, Purpose purpose, Instant now) {
        return jdbc.sql("""
                        update account_link set used_at = :now
                        where user_id = :user and purpose = :purpose and used_at is null and expires_at > :now""")
                .param("now", Timestamp.from(now))
                .param("user", userId)
                .param("purpose", purpose.name())
                .update();
    }

    /** The address a person asked to move to and has not confirmed yet, if any. */
    Optional<String> pendingChange(UUID userId, Instant now) {
        return jdbc.sql("""
                        select email from account_link
                        where user_id = :user and purpose = 'CHANGE_EMAIL' and used_at is null and expires_at > :now
                        order by created_at desc limit 1""")
                .param("user", userId)
                .param("now", Timestamp.from(now))
                .query(String.class)
                .optional();
    }

    private record Row(Link link, @Nullable Instant usedAt) {}

    private Optional<Row> find(Purpose purpose, @Nullable String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select user_id, email, old_email, expires_at, used_at from account_link
                        where token_hash = :hash and purpose = :purpose""")
                .param("hash", Hashes.sha256(token))
                .param("purpose", purpose.name())
                .query((rs, n) -> {
                    Timestamp used = rs.getTimestamp("used_at");
                    return new Row(
                            new Link(
                                    rs.getObject("user_id", UUID.class),
                                    rs.getString("email"),
                                    rs.getString("old_email"),
                                    rs.getTimestamp("expires_at").toInstant()),
                            used == null ? null : used.toInstant());
                })
                .optional();
    }
}
