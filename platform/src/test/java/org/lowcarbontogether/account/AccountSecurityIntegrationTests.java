package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account lifecycle as an attacker and a careless client would try it: the actuator tells nothing about passwords,
 * tokens are listed, scoped and revoked at once, a password change ends other sessions and tokens, long passphrases
 * work, deceptive text and absurd dates are refused with the field named, and every API error is problem+json.
 */
@IntegrationTest
class AccountSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theActuatorChecksNoPasswordSoItCannotBeAnOracle() {
        var me = AccountFixtures.person(registration, jdbc);
        var right = api.get("/actuator/prometheus", "Authorization", basic(me.email(), AccountFixtures.PASSWORD));
        var wrong = api.get("/actuator/prometheus", "Authorization", basic(me.email(), "not the password at all"));
        assertThat(right.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(right.body())
                .isEqualTo(wrong.body()
                        .replace(
                                wrong.json().get("instance").asString(),
                                right.json().get("instance").asString()));

        String participant = api.token(me.email(), AccountFixtures.PASSWORD);
        assertThat(api.get("/actuator/prometheus", "Authorization", ApiClient.bearer(participant))
                        .status())
                .isEqualTo(403);
        String admin = api.token("admin@test.lowcarbontogether.org", "ops-secret-for-tests-2026");
        assertThat(api.get("/actuator/prometheus", "Authorization", ApiClient.bearer(admin))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokensAreListedWithoutSecretsAndRevokedAtOnce() {
        var me = AccountFixtures.person(registration, jdbc);
        var first = api.post(
                "/api/v1/tokens",
                "{\"name\":\"phone\",\"scopes\":[\"read\"]}",
                "Authorization",
                basic(me.email(), AccountFixtures.PASSWORD));
        assertThat(first.status()).isEqualTo(201);
        String phone = first.json().get("token").asString();
        String laptop = api.token(me.email(), AccountFixtures.PASSWORD);

        var listed = api.get("/api/v1/tokens", "Authorization", ApiClient.bearer(laptop));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(2);
        assertThat(listed.body())
                .doesNotContain(phone)
                .doesNotContain(laptop)
                .contains("phone")
                .contains("expiresAt");

        // A read-only token reads, and may not write.
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(phone))
                        .status())
                .isEqualTo(200);
        var refused = api.post(
                "/api/v1/records",
                "{}",
                "Authorization",
                ApiClient.bearer(phone),
                "Idempotency-Key",
                "scope-" + UUID.randomUUID());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/insufficient-scope");

        String phoneId = first.json().get("id").asString();
        assertThat(api.delete("/api/v1/tokens/" + phoneId, "Authorization", ApiClient.bearer(laptop))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(phone))
                        .status())
                .isEqualTo(401);
        assertThat(api.delete("/api/v1/tokens/" + phoneId, "Authorization", ApiClient.bearer(laptop))
                        .status())
                .isEqualTo(404);

        assertThat(api.delete("/api/v1/tokens/current", "Authorization", ApiClient.bearer(laptop))
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(laptop))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anUnknownScopeIsRefused() {
        var me = AccountFixtures.person(registration, jdbc);
        var response = api.post(
                "/api/v1/tokens",
                "{\"scopes\":[\"everything\"]}",
                "Authorization",
                basic(me.email(), AccountFixtures.PASSWORD));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("scopes");
    }

    @Test
    void anotherPersonsTokenCannotBeRevoked() {
        var me = AccountFixtures.person(registration, jdbc);
        var other = AccountFixtures.person(registration, jdbc);
        String mine = api.token(me.email(), AccountFixtures.PASSWORD);
        var theirs = api.post("/api/v1/tokens", "{}", "Authorization", basic(other.email(), AccountFixtures.PASSWORD));
        String theirId = theirs.json().get("id").asString();
        assertThat(api.delete("/api/v1/tokens/" + theirId, "Authorization", ApiClient.bearer(mine))
                        .status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/v1/account",
                                "Authorization",
                                ApiClient.bearer(theirs.json().get("token").asString()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsOtherSessionsAndTokens() {
        var me = AccountFixtures.person(registration, jdbc);
        var browser = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        assertThat(browser.get("/account").status()).isEqualTo(200);
        String other = api.token(me.email(), AccountFixtures.PASSWORD);
        String current = api.token(me.email(), AccountFixtures.PASSWORD);

        var wrong = api.post(
                "/api/v1/account/password",
                "{\"currentPassword\":\"guess guess guess\",\"newPassword\":\"a fresh long passphrase\"}",
                "Authorization",
                ApiClient.bearer(current));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");

        var changed = api.post(
                "/api/v1/account/password",
                "{\"currentPassword\":\"%s\",\"newPassword\":\"a fresh long passphrase\"}"
                        .formatted(AccountFixtures.PASSWORD),
                "Authorization",
                ApiClient.bearer(current));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("tokensRevoked").asInt()).isEqualTo(1);

        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(current))
                        .status())
                .as("the token that asked")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(other))
                        .status())
                .as("another token")
                .isEqualTo(401);
        var ended = browser.get("/account");
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.location()).endsWith("/login?ended");
        new WebSession(port).signIn(me.email(), "a fresh long passphrase");
    }

    @Test
    void theSessionThatChangesThePasswordCarriesOnAndCanKeepTokens() {
        var me = AccountFixtures.person(registration, jdbc);
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        var browser = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        var changed = browser.post(
                "/account/password",
                Map.of(
                        "currentPassword",
                        AccountFixtures.PASSWORD,
                        "newPassword",
                        "another fresh passphrase",
                        "keepTokens",
                        "true"));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(browser.get("/account/security").body()).contains("id=\"password-changed\"");
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(token))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTokenIssuedFromThePageNeedsThePasswordAndIsShownOnce() {
        var me = AccountFixtures.person(registration, jdbc);
        var browser = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        browser.post("/account/tokens", Map.of("name", "bike app", "scopes", "READ"));
        assertThat(browser.get("/account/security").body())
                .as("a session alone does not mint a token")
                .doesNotContain("id=\"issued-token\"")
                .contains("id=\"no-tokens\"");
        browser.post(
                "/account/tokens", Map.of("name", "bike app", "scopes", "READ", "password", AccountFixtures.PASSWORD));
        String page = browser.get("/account/security").body();
        var secret = Pattern.compile("(lct_[A-Za-z0-9_-]{20,})").matcher(page);
        assertThat(secret.find()).as("the new token is shown").isTrue();
        assertThat(page).contains("bike app");
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(secret.group(1)))
                        .status())
                .isEqualTo(200);
        assertThat(browser.get("/account/security").body()).as("and only once").doesNotContain(secret.group(1));
    }

    @Test
    void aRoleChangeEndsTheSessionSoTheNextSignInCarriesIt() {
        var me = AccountFixtures.person(registration, jdbc);
        var browser = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        assertThat(browser.get("/account").status()).isEqualTo(200);
        transactions.executeWithoutResult(status -> registration.grantRole(me.id(), Role.ORGANISER));
        assertThat(browser.get("/account").location()).endsWith("/login?ended");
    }

    @Test
    void passphrasesLongerThan72BytesWork() {
        String ascii = "correct horse battery staple ".repeat(3).substring(0, 85);
        String chinese = "低碳生活从每一天的每一个小小选择开始我们一起骑车步行少用一次性杯子和塑料袋节约每一度电珍惜每一粒粮";
        assertThat(chinese.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(72);
        for (String password : new String[] {ascii, chinese}) {
            String email = "long-" + UUID.randomUUID() + "@example.org";
            var registered = api.post(
                    "/api/v1/users",
                    "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Long\"}".formatted(email, password));
            assertThat(registered.status()).as(password).isEqualTo(201);
            assertThat(api.token(email, password)).startsWith("lct_");
            var truncated = api.post(
                    "/api/v1/tokens",
                    "{}",
                    "Authorization",
                    basic(email, password.substring(0, password.length() - 1)));
            assertThat(truncated.status()).as("a password one character short").isEqualTo(401);
        }
        var form = new WebSession(port)
                .post(
                        "/register",
                        Map.of(
                                "email",
                                "form-" + UUID.randomUUID() + "@example.org",
                                "displayName",
                                "Form",
                                "password",
                                ascii,
                                "age",
                                "14-or-older"));
        assertThat(form.status()).isEqualTo(302);
    }

    @Test
    void wrongPasswordsAreSlowedWithoutRevealingTheRightOne() {
        var me = AccountFixtures.person(registration, jdbc);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/tokens", "{}", "Authorization", basic(me.email(), "wrong guess " + i))
                            .status())
                    .isEqualTo(401);
        }
        var right = api.post("/api/v1/tokens", "{}", "Authorization", basic(me.email(), AccountFixtures.PASSWORD));
        assertThat(right.status())
                .as("the right password while waiting answers like a wrong one would")
                .isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotBlank();
        var page = new WebSession(port)
                .post("/login", Map.of("username", me.email(), "password", AccountFixtures.PASSWORD));
        assertThat(page.location()).contains("/login?throttled=");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void securityEventsAreLoggedWithoutSecrets(CapturedOutput output) {
        var me = AccountFixtures.person(registration, jdbc);
        api.post("/api/v1/tokens", "{}", "Authorization", basic(me.email(), "a wrong secret phrase"));
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        api.get("/actuator/prometheus", "Authorization", ApiClient.bearer(token));
        String pseudonym = Hashes.sha256(me.email()).substring(0, 12);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .contains("event=sign-in-failed account=" + pseudonym)
                        .contains("event=token-issued who=" + me.id())
                        .contains("event=refused status=403 code=forbidden method=GET path=/actuator/prometheus who="
                                + pseudonym));
        assertThat(output.getOut())
                .doesNotContain("a wrong secret phrase")
                .doesNotContain(token)
                .doesNotContain(me.email());
    }

    @Test
    void deceptiveTextIsRefusedWithTheFieldNamed() {
        for (String name : new String[] {"Mei\u0000", "\u202Egnp.exe", "\u200B\u200B", "e" + "\u0301".repeat(59)}) {
            var response = api.post(
                    "/api/v1/users",
                    "{\"email\":\"t-%s@example.org\",\"password\":\"green steps every day\",\"displayName\":\"%s\"}"
                            .formatted(UUID.randomUUID(), name.replace("\u0000", "\\u0000")));
            assertThat(response.status()).as(name).isEqualTo(422);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("displayName");
        }
        var form = new WebSession(port)
                .post(
                        "/register",
                        Map.of(
                                "email",
                                "f-" + UUID.randomUUID() + "@example.org",
                                "displayName",
                                "\u202Eevil",
                                "password",
                                "green steps every day",
                                "age",
                                "14-or-older"));
        assertThat(form.status()).isEqualTo(422);
    }

    @Test
    void absurdDatesAreRefusedNotFailed() {
        String token = api.newParticipantToken();
        for (String date : new String[] {"+999999999-01-01", "-4714-11-24"}) {
            var response = api.get("/api/v1/account/statement?from=" + date, "Authorization", ApiClient.bearer(token));
            assertThat(response.status()).as(date).isEqualTo(400);
            assertThat(response.json().get("type").asString()).isEqualTo("/problems/invalid-field");
        }
    }

    @Test
    void everyApiErrorIsProblemJson() {
        String token = api.newParticipantToken();
        var unknown = api.get("/api/v1/no-such-thing", "Authorization", ApiClient.bearer(token));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");

        var method = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/behaviours"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()),
                "Authorization",
                ApiClient.bearer(token));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Content-Type")).startsWith("application/problem+json");

        var media = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/records"))
                        .POST(HttpRequest.BodyPublishers.ofString("<xml/>")),
                "Authorization",
                ApiClient.bearer(token),
                "Content-Type",
                "application/xml",
                "Idempotency-Key",
                "media-" + UUID.randomUUID());
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.header("Content-Type")).startsWith("application/problem+json");

        // Chunked, so no Content-Length announces the size: refused once the limit is passed.
        byte[] big = ("{\"note\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        var tooLarge = api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/records"))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))),
                "Authorization",
                ApiClient.bearer(token),
                "Content-Type",
                "application/json",
                "Idempotency-Key",
                "big-" + UUID.randomUUID());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");

        var encodedNul = api.get("/api/v1/stories/a%00b");
        assertThat(encodedNul.status()).isEqualTo(400);
        assertThat(encodedNul.header("Content-Type")).startsWith("application/problem+json");
        assertThat(encodedNul.body()).doesNotContain("Exception").doesNotContain("Tomcat");
    }
}
