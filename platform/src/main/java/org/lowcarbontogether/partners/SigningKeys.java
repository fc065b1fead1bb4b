package org.lowcarbontogether.partners;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key that signs the authorisation server's tokens, kept in the database: made once by whichever instance needs it
 * first (the others read the same one), so tokens stay valid across restarts and any instance checks any other's.
 */
final class SigningKeys implements JWKSource<SecurityContext> {

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile @Nullable JWKSet keys;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) {
        return selector.select(keys());
    }

    JWKSet keys() {
        JWKSet known = keys;
        if (known == null) {
            known = new JWKSet(load());
            keys = known;
        }
        return known;
    }

    private JWK load() {
        var stored = stored();
        if (stored == null) {
            RSAKey generated;
            try {
                generated = new RSAKeyGenerator(2048)
                        .keyID(UUID.randomUUID().toString())
                        .generate();
            } catch (JOSEException e) {
                throw new IllegalStateException("No RSA key could be made", e);
            }
            // Two instances starting together: the first insert wins, both use what is stored.
            jdbc.sql("""
                            insert into partner_signing_key (id, kid, jwk, created_at) values (1, :kid, :jwk, :now)
                            on conflict (id) do nothing""")
                    .param("kid", generated.getKeyID())
                    .param("jwk", generated.toJSONString())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            stored = stored();
        }
        try {
            return JWK.parse(java.util.Objects.requireNonNull(stored));
        } catch (ParseException e) {
            throw new IllegalStateException("The stored signing key cannot be read", e);
        }
    }

    private @Nullable String stored() {
        return jdbc.sql("select jwk from partner_signing_key where id = 1")
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
