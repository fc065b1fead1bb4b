package org.lowcarbontogether.partners;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SecretCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign the authorisation server's tokens, kept in the database (table {@code partner_signing_key}, the
 * private JWK encrypted by {@link SecretCipher} and bound to its kid) so that every instance signs and verifies with the
 * same ones across restarts. A key is <em>next</em> (published, not yet signing), <em>current</em> (the newest whose
 * {@code activates_at} has passed: it alone signs), <em>retired</em> (published until {@code retires_at}, so tokens it
 * signed are verified until they expire) or gone (deleted).
 *
 * <p>As a {@link JWKSource} it answers with every published key (the JWK set endpoint, the partner API's decoder);
 * {@link #signing()} answers with the current key alone (the token encoder). Each instance keeps what it read for
 * {@code cache-for}, and reads again sooner when a key it knows starts signing or is retired, when a token names a key
 * it does not know (at most every few seconds), and after it rotated. Writes take one advisory lock, so two instances
 * never make two first keys or two successors at once.
 */
final class SigningKeys implements JWKSource<SecurityContext> {

    /** A key as stored, without its private part. */
    record Stored(
            String kid,
            Instant createdAt,
            Instant activatesAt,
            @Nullable Instant retiresAt) {}

    /** What a rotation made: the new key, when it signs, the key it follows, and pending keys it replaced. */
    record Rotation(
            String kid, Instant activatesAt, @Nullable String previousKid, int replaced) {}

    /** The keys as read at {@code loadedAt}, to be read again at {@code reloadAt}. */
    private record Loaded(JWKSet published, JWK current, List<Stored> stored, Instant loadedAt, Instant reloadAt) {}

    private static final Duration UNKNOWN_KID_RELOAD = Duration.ofSeconds(5);
    private static final String CONTEXT = "partner-signing-key:";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretCipher cipher;
    private final SigningKeyProperties properties;
    private final TransactionTemplate transaction;
    private final Map<String, JWK> decrypted = new ConcurrentHashMap<>();
    private volatile @Nullable Loaded loaded;

    SigningKeys(
            JdbcClient jdbc,
            Clock clock,
            SecretCipher cipher,
            SigningKeyProperties properties,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every published key: next, current and retired ones. */
    @Override
    public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) {
        Loaded keys = loaded();
        List<JWK> found = selector.select(keys.published());
        if (found.isEmpty()
                && selector.getMatcher().getKeyIDs() != null
                && !selector.getMatcher().getKeyIDs().isEmpty()
                && !clock.instant().isBefore(keys.loadedAt().plus(UNKNOWN_KID_RELOAD))) {
            // A key another instance made a moment ago (a rotation that signs at once): read again.
            found = selector.select(reload().published());
        }
        return found;
    }

    /** The current key alone, for the encoder: signing must never have a choice. */
    JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(loaded().current()));
    }

    /** The kid of the key that signs now. */
    String currentKid() {
        return loaded().current().getKeyID();
    }

    /** The published keys as stored, oldest first. */
    List<Stored> published() {
        return loaded().stored();
    }

    /** Forgets what was read (now and, inside a transaction, once it commits). */
    void forget() {
        loaded = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    loaded = null;
                }
            });
        }
    }

    private Loaded loaded() {
        Loaded known = loaded;
        if (known == null || !clock.instant().isBefore(known.reloadAt())) {
            return reload();
        }
        return known;
    }

    private Loaded reload() {
        if (jdbc.sql("select exists (select 1 from partner_signing_key where unencrypted_jwk is not null)")
                .query(Boolean.class)
                .single()) {
            encryptCarriedOver();
        }
        Instant now = clock.instant();
        List<Stored> stored = stored(now);
        Instant read = now;
        if (stored.stream().noneMatch(k -> !k.activatesAt().isAfter(read))) {
            // No key yet (a new database): whichever instance needs one first makes it, the others use it.
            locked(() -> {
                Instant at = clock.instant();
                if (current(at) == null) {
                    insert(at, at);
                }
                return null;
            });
            now = clock.instant();
            stored = stored(now);
        }
        Stored current = null;
        Instant reloadAt = now.plus(properties.cacheFor());
        var jwks = new ArrayList<JWK>();
        for (Stored key : stored) {
            jwks.add(jwk(key.kid()));
            if (!key.activatesAt().isAfter(now)) {
                current = key;
            } else if (key.activatesAt().isBefore(reloadAt)) {
                reloadAt = key.activatesAt();
            }
            Instant retiresAt = key.retiresAt();
            if (retiresAt != null && retiresAt.isBefore(reloadAt)) {
                reloadAt = retiresAt;
            }
        }
        if (current == null) {
            throw new IllegalStateException("No signing key signs now");
        }
        var known = new Loaded(new JWKSet(jwks), jwk(current.kid()), List.copyOf(stored), now, reloadAt);
        loaded = known;
        return known;
    }

    private List<Stored> stored(Instant now) {
        return jdbc.sql("""
                        select kid, created_at, activates_at, retires_at from partner_signing_key
                        where retires_at is null or retires_at > :now
                        order by activates_at, created_at""")
                .param("now", Timestamp.from(now))
                .query(SigningKeys::stored)
                .list();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        Timestamp retires = rs.getTimestamp("retires_at");
        return new Stored(
                rs.getString("kid"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("activates_at").toInstant(),
                retires == null ? null : retires.toInstant());
    }

    private JWK jwk(String kid) {
        return decrypted.computeIfAbsent(kid, k -> {
            byte[] encrypted = jdbc.sql("select jwk from partner_signing_key where kid = :kid")
                    .param("kid", k)
                    .query(byte[].class)
                    .single();
            try {
                return JWK.parse(cipher.decrypt(CONTEXT + k, encrypted));
            } catch (ParseException e) {
                throw new IllegalStateException("The stored signing key " + k + " cannot be read", e);
            }
        });
    }

    /** The key V34 kept in plain text, encrypted by whichever instance reads it first. */
    private void encryptCarriedOver() {
        locked(() -> {
            jdbc.sql("select kid, unencrypted_jwk from partner_signing_key where unencrypted_jwk is not null")
                    .query((rs, row) -> Map.entry(rs.getString("kid"), rs.getString("unencrypted_jwk")))
                    .list()
                    .forEach(plain -> jdbc.sql("""
                                    update partner_signing_key set jwk = :jwk, unencrypted_jwk = null
                                    where kid = :kid""")
                            .param("kid", plain.getKey())
                            .param("jwk", cipher.encrypt(CONTEXT + plain.getKey(), plain.getValue()))
                            .update());
            return null;
        });
    }

    /**
     * Makes a key that signs from {@code activatesAt} (now or later; until then it is published as next). A next key
     * not yet signing is replaced (it never signed anything); the keys it follows stay published until
     * {@code activatesAt} plus {@code keep-published}. Gone keys are deleted.
     */
    Rotation rotate(Instant activatesAt) {
        return Objects.requireNonNull(locked(() -> rotateLocked(activatesAt)));
    }

    /**
     * Makes the successor of the current key when it is due ({@code rotate-after} after the current key began signing,
     * published {@code publish-ahead} before), unless there is one already; deletes gone keys either way.
     */
    @Nullable
    Rotation rotateIfDue() {
        return locked(() -> {
            Instant now = clock.instant();
            deleteGone(now);
            Stored current = current(now);
            boolean nextExists = jdbc.sql("select exists (select 1 from partner_signing_key where activates_at > :now)")
                    .param("now", Timestamp.from(now))
                    .query(Boolean.class)
                    .single();
            if (current == null || nextExists) {
                return null;
            }
            Instant due = current.activatesAt().plus(properties.rotateAfter());
            if (now.isBefore(due.minus(properties.publishAhead()))) {
                return null;
            }
            Instant earliest = now.plus(properties.publishAhead());
            return rotateLocked(due.isAfter(earliest) ? due : earliest);
        });
    }

    private Rotation rotateLocked(Instant activatesAt) {
        Instant now = clock.instant();
        if (activatesAt.isBefore(now)) {
            activatesAt = now;
        }
        deleteGone(now);
        int replaced = jdbc.sql("delete from partner_signing_key where activates_at > :now")
                .param("now", Timestamp.from(now))
                .update();
        Stored previous = current(now);
        String kid = insert(now, activatesAt);
        // Each key that has a successor is published until the successor signs, plus the longest token lifetime.
        jdbc.sql("""
                        update partner_signing_key k
                        set retires_at = s.successor_at + make_interval(secs => :keep)
                        from (select kid, lead(activates_at) over (order by activates_at, created_at) as successor_at
                              from partner_signing_key) s
                        where s.kid = k.kid and s.successor_at is not null""")
                .param("keep", properties.keepPublished().toMillis() / 1000.0)
                .update();
        forget();
        return new Rotation(kid, activatesAt, previous == null ? null : previous.kid(), replaced);
    }

    private void deleteGone(Instant now) {
        jdbc.sql("delete from partner_signing_key where retires_at <= :now")
                .param("now", Timestamp.from(now))
                .update();
    }

    private @Nullable Stored current(Instant now) {
        return jdbc.sql("""
                        select kid, created_at, activates_at, retires_at from partner_signing_key
                        where activates_at <= :now and (retires_at is null or retires_at > :now)
                        order by activates_at desc, created_at desc limit 1""")
                .param("now", Timestamp.from(now))
                .query(SigningKeys::stored)
                .optional()
                .orElse(null);
    }

    private String insert(Instant now, Instant activatesAt) {
        RSAKey generated;
        try {
            generated = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("No RSA key could be made", e);
        }
        String kid = generated.getKeyID();
        jdbc.sql("""
                        insert into partner_signing_key (kid, jwk, created_at, activates_at)
                        values (:kid, :jwk, :now, :activates)""")
                .param("kid", kid)
                .param("jwk", cipher.encrypt(CONTEXT + kid, generated.toJSONString()))
                .param("now", Timestamp.from(now))
                .param("activates", Timestamp.from(activatesAt))
                .update();
        decrypted.put(kid, generated);
        return kid;
    }

    /** Runs {@code work} in a transaction (the caller's, if any) holding the signing keys' advisory lock. */
    private <T> @Nullable T locked(Supplier<@Nullable T> work) {
        return transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('lct-partner-signing-keys', 0))")
                    .query((rs, row) -> 1)
                    .single();
            return work.get();
        });
    }
}
