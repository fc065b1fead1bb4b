package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.platform.SecretCipher;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rotating the keys that sign partner tokens, over HTTP as officers and partners see it: a successor is published
 * before it signs, a rotation at once signs the next token with the new key while tokens the previous key signed keep
 * working until it is gone, the keys are encrypted in the database, every rotation is audited, and the schedule makes a
 * successor once it is due.
 */
@IntegrationTest
class PartnerSigningKeysIntegrationTests extends PartnerScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    SecretCipher cipher;

    @Autowired
    SigningKeyProperties properties;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aRotationSignsNewTokensWithTheNewKeyWhileTokensOfThePreviousKeyWorkUntilItIsGone() {
        onboard("Key Rotation Eats");
        String officerToken = api.token(officer.email(), AccountFixtures.PASSWORD);
        String before = PartnerFixtures.accessToken(api, live, "reports.read");
        String previousKid = kid(before);
        assertThat(previousKid).isEqualTo(signingKeys.currentKid());
        assertThat(reconciliation(before)).isEqualTo(200);

        // A successor made the usual way is published at once but does not sign yet.
        var next = api.post("/api/v1/admin/partners/signing-keys/rotate", "", auth(officerToken));
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        assertThat(next.json().get("state").asString()).isEqualTo("NEXT");
        String nextKid = next.json().get("kid").asString();
        assertThat(Instant.parse(next.json().get("activatesAt").asString()))
                .isAfter(Instant.now().plus(properties.publishAhead()).minusSeconds(60));
        assertThat(published()).contains(previousKid, nextKid);
        assertThat(kid(PartnerFixtures.accessToken(api, live, "reports.read"))).isEqualTo(previousKid);

        // At once (a key thought exposed): the next key, which never signed, is replaced; new tokens carry the new kid.
        var now = api.post("/api/v1/admin/partners/signing-keys/rotate?immediately=true", "", auth(officerToken));
        assertThat(now.status()).as(now.body()).isEqualTo(201);
        assertThat(now.json().get("state").asString()).isEqualTo("CURRENT");
        String newKid = now.json().get("kid").asString();
        assertThat(published()).contains(previousKid, newKid).doesNotContain(nextKid);
        String after = PartnerFixtures.accessToken(api, live, "reports.read");
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(reconciliation(after)).isEqualTo(200);
        assertThat(reconciliation(before))
                .as("signed by the previous key, not yet expired")
                .isEqualTo(200);

        // The previous key is published until the longest token lifetime has passed after its successor began.
        var overview = api.get("/api/v1/admin/partners/signing-keys", auth(officerToken));
        assertThat(overview.status()).isEqualTo(200);
        var states = new ArrayList<String>();
        overview.json().get("keys").forEach(k -> {
            if (k.get("kid").asString().equals(previousKid)) {
                states.add("previous:" + k.get("state").asString());
                assertThat(Instant.parse(k.get("retiresAt").asString()))
                        .isAfter(Instant.now().plus(PartnerClients.ACCESS_TOKEN_LIFETIME));
            }
            if (k.get("kid").asString().equals(newKid)) {
                states.add("new:" + k.get("state").asString());
            }
        });
        assertThat(states).containsExactlyInAnyOrder("previous:RETIRED", "new:CURRENT");

        // Both rotations are audited, with the officer and what each made.
        assertThat(jdbc.sql("""
                                select detail ->> 'how' from audit_entry
                                where action = 'partner-signing-key-rotated' and actor_id = :officer
                                  and target_kind = 'PARTNER_SIGNING_KEY' and target_id in (:next, :new)
                                order by id""")
                        .param("officer", officer.id())
                        .param("next", UUID.fromString(nextKid))
                        .param("new", UUID.fromString(newKid))
                        .query(String.class)
                        .list())
                .containsExactly("officer", "immediately");

        // Once retired past its time the previous key is gone: no longer published, its tokens no longer accepted.
        // (It may have begun signing less than a second ago, when this test made the first key: moved back too, as a
        // key is always retired after it began.)
        jdbc.sql("""
                        update partner_signing_key set activates_at = least(activates_at, now() - interval '2 seconds'),
                            retires_at = now() - interval '1 second'
                        where kid = :kid""").param("kid", previousKid).update();
        signingKeys.forget();
        assertThat(published()).contains(newKid).doesNotContain(previousKid);
        assertThat(reconciliation(before)).isEqualTo(401);
        assertThat(reconciliation(after)).isEqualTo(200);
    }

    @Test
    void onlyOfficersAndAdministratorsSeeAndRotateTheKeys() {
        onboard("Key Guard Eats");
        var participant = AccountFixtures.person(registration, jdbc);
        String participantToken = api.token(participant.email(), AccountFixtures.PASSWORD);
        String current = signingKeys.currentKid();

        assertThat(api.post("/api/v1/admin/partners/signing-keys/rotate", "", auth(participantToken))
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/admin/partners/signing-keys/rotate?immediately=true", "", auth(participantToken))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/admin/partners/signing-keys", auth(participantToken))
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/admin/partners/signing-keys/rotate", "").status())
                .isEqualTo(401);
        var browser = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        assertThat(browser.post("/admin/partners/signing-keys/rotation", Map.of("immediately", "true"))
                        .status())
                .isEqualTo(403);
        assertThat(signingKeys.currentKid()).isEqualTo(current);

        // An administrator rotates from the partners page; the page lists the keys in both languages.
        var admin = AccountFixtures.person(registration, jdbc, Role.ADMIN);
        var adminBrowser = new WebSession(port).signIn(admin.email(), AccountFixtures.PASSWORD);
        var page = adminBrowser.get("/admin/partners");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"signing-keys\"").contains(current.substring(0, 8));
        assertThat(adminBrowser.get("/admin/partners", "zh-CN").body()).contains("合作方令牌签名密钥");
        var rotated = adminBrowser.post(
                "/admin/partners/signing-keys/rotation", Map.of("immediately", "true"), "/admin/partners");
        assertThat(rotated.status()).isEqualTo(302);
        assertThat(signingKeys.currentKid()).isNotEqualTo(current);
        assertThat(jdbc.sql("""
                                select count(*) from audit_entry where action = 'partner-signing-key-rotated'
                                and actor_id = :admin and target_id = :kid""")
                        .param("admin", admin.id())
                        .param("kid", UUID.fromString(signingKeys.currentKid()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void privateKeysAreEncryptedAtRestAndTheKeyV34KeptInPlainTextIsEncryptedOnFirstRead() throws Exception {
        signingKeys.currentKid();
        List<byte[]> stored = jdbc.sql("select jwk from partner_signing_key")
                .query(byte[].class)
                .list();
        assertThat(stored).isNotEmpty();
        assertThat(stored)
                .allSatisfy(encrypted -> assertThat(new String(encrypted, StandardCharsets.ISO_8859_1))
                        .doesNotContain("\"d\":"));
        assertThat(jdbc.sql("select count(*) from partner_signing_key where unencrypted_jwk is not null")
                        .query(Integer.class)
                        .single())
                .isZero();

        // A key carried over by V63 from the single plain-text row (here one long retired, so no token depends on it).
        RSAKey legacy =
                new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        Instant longAgo = Instant.now().minus(Duration.ofDays(200));
        jdbc.sql("""
                        insert into partner_signing_key (kid, unencrypted_jwk, created_at, activates_at, retires_at)
                        values (:kid, :jwk, :at, :at, :retired)""")
                .param("kid", legacy.getKeyID())
                .param("jwk", legacy.toJSONString())
                .param("at", Timestamp.from(longAgo))
                .param("retired", Timestamp.from(longAgo.plus(Duration.ofDays(100))))
                .update();
        signingKeys.forget();
        signingKeys.currentKid();
        byte[] encrypted = jdbc.sql("select jwk from partner_signing_key where kid = :kid and unencrypted_jwk is null")
                .param("kid", legacy.getKeyID())
                .query(byte[].class)
                .single();
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("\"d\":");
        assertThat(JWK.parse(cipher.decrypt("partner-signing-key:" + legacy.getKeyID(), encrypted)))
                .isEqualTo(legacy);
        jdbc.sql("delete from partner_signing_key where kid = :kid")
                .param("kid", legacy.getKeyID())
                .update();
    }

    @Test
    void theScheduleMakesOneSuccessorWhenTheCurrentKeyIsDueAndPublishesItAhead() {
        api = new ApiClient(port);
        var made = signingKeys.rotate(Instant.now());
        Instant began = jdbc.sql("select activates_at from partner_signing_key where kid = :kid")
                .param("kid", made.kid())
                .query(Timestamp.class)
                .single()
                .toInstant();
        Duration notYet =
                properties.rotateAfter().minus(properties.publishAhead()).minusDays(1);
        Duration due = properties.rotateAfter().minus(properties.publishAhead()).plusHours(1);

        assertThat(later(notYet).rotateIfDue()).isNull();
        Instant checkedAt = Instant.now().plus(due);
        var successor = later(due).rotateIfDue();
        assertThat(successor).isNotNull();
        assertThat(successor.previousKid()).isEqualTo(made.kid());
        // It signs when the current key has signed rotate-after, and never before it was published publish-ahead.
        assertThat(successor.activatesAt())
                .isAfterOrEqualTo(began.plus(properties.rotateAfter()))
                .isAfterOrEqualTo(checkedAt.plus(properties.publishAhead()));
        assertThat(later(due).rotateIfDue()).as("one successor at a time").isNull();
        assertThat(jdbc.sql("select retires_at from partner_signing_key where kid = :kid")
                        .param("kid", made.kid())
                        .query(Timestamp.class)
                        .single()
                        .toInstant())
                .isCloseTo(successor.activatesAt().plus(properties.keepPublished()), within(1, ChronoUnit.MILLIS));

        // The successor is published now, while the current key still signs.
        signingKeys.forget();
        assertThat(published()).contains(made.kid(), successor.kid());
        assertThat(signingKeys.currentKid()).isEqualTo(made.kid());

        // Leave the shared database with no pending successor: the next rotation replaces it.
        signingKeys.rotate(Instant.now());
        assertThat(published()).doesNotContain(successor.kid());
    }

    /** The same keys seen by an instance whose clock is this much later. */
    private SigningKeys later(Duration ahead) {
        return new SigningKeys(jdbc, Clock.offset(Clock.systemUTC(), ahead), cipher, properties, transactions);
    }

    private List<String> published() {
        var jwks = api.get("/oauth2/jwks");
        assertThat(jwks.status()).isEqualTo(200);
        var kids = new ArrayList<String>();
        jwks.json().get("keys").forEach(k -> {
            assertThat(k.has("d")).as("only public keys are published").isFalse();
            kids.add(k.get("kid").asString());
        });
        return kids;
    }

    private int reconciliation(String token) {
        return api.get("/api/v1/partner/reconciliation/" + LocalDate.now(ProgrammeCalendar.ZONE), auth(token))
                .status();
    }

    private static String[] auth(String token) {
        return new String[] {"Authorization", ApiClient.bearer(token)};
    }

    private static String kid(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]))
                .get("kid")
                .asString();
    }
}
