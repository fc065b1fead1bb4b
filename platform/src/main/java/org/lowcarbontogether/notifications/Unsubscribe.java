package org.lowcarbontogether.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-click unsubscribe (RFC 8058): every notification email carries a link that turns that kind's email off for its
 * person, without signing in. The link's token names the person and the kind and is signed with HMAC-SHA256 under a
 * server secret ({@code lct.notifications.unsubscribe-secret}, or one made at random once and kept in the database for
 * every instance), so nobody can make a token for another person or another kind, and nothing needs storing per
 * email.
 */
@Service
public class Unsubscribe {

    /** Whose email of which kind a token stops. */
    public record Target(UUID userId, NotificationKind kind) {}

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String PURPOSE = "lct-unsubscribe-v1:";

    private final JdbcClient jdbc;
    private final Preferences preferences;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final String configuredSecret;
    private volatile byte @Nullable [] secret;

    Unsubscribe(
            JdbcClient jdbc,
            Preferences preferences,
            Clock clock,
            PlatformTransactionManager transactions,
            @Value("${lct.notifications.unsubscribe-secret:}") String configuredSecret) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.configuredSecret = configuredSecret;
    }

    /** The token of a person's link to stop a kind's email. */
    String token(UUID userId, NotificationKind kind) {
        String payload = userId + ":" + kind.name();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(sign(payload));
    }

    /** What a token stops, when it is one the platform signed; empty for anything else. */
    public Optional<Target> read(@Nullable String token) {
        if (token == null || token.length() > 300) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                return Optional.empty();
            }
            int colon = payload.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            UUID user = UUID.fromString(payload.substring(0, colon));
            return NotificationKind.parse(payload.substring(colon + 1)).map(kind -> new Target(user, kind));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Turns off the email a valid token names, at once; empty (and nothing changed) for any other token. */
    @Transactional
    public Optional<Target> unsubscribe(@Nullable String token) {
        var target = read(token);
        target.ifPresent(t -> preferences.emailOff(t.userId(), t.kind()));
        return target;
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return mac.doFinal((PURPOSE + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known != null) {
            return known;
        }
        byte[] loaded;
        if (!configuredSecret.isBlank()) {
            loaded = configuredSecret.strip().getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // In a transaction of its own, committed before any token is made with it (the caller's may still roll
            // back); the first instance to get here makes it, every other one reads the same.
            byte @Nullable [] made = ownTransaction.execute(status -> {
                jdbc.sql("""
                                insert into notification_secret (id, secret, created_at) values (1, :secret, :now)
                                on conflict (id) do nothing""")
                        .param("secret", fresh)
                        .param("now", Timestamp.from(clock.instant()))
                        .update();
                return jdbc.sql("select secret from notification_secret where id = 1")
                        .query(byte[].class)
                        .single();
            });
            if (made == null) {
                throw new IllegalStateException("The unsubscribe secret could not be read");
            }
            loaded = made;
        }
        secret = loaded;
        return loaded;
    }
}
