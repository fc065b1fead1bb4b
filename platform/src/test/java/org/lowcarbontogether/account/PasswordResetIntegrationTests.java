package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.TestMail;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.shared.Hashes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A forgotten password, through the pages and the API with the mail read from the SMTP server: the link works once,
 * not after it expires, ends every other session, and asking tells nobody whether an address has an account.
 */
@IntegrationTest
class PasswordResetIntegrationTests {

    static final String NEW_PASSWORD = "a brand new passphrase";

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void theLinkSetsANewPasswordOnceAndEndsEverySession() {
        var me = AccountFixtures.person(registration, jdbc);
        var signedIn = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        var visitor = new WebSession(port);
        assertThat(visitor.get("/login").body()).contains("href=\"/password-reset\"");

        var asked = visitor.post("/password-reset", Map.of("email", me.email().toUpperCase(Locale.ROOT)));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("id=\"reset-sent\"");
        var mail = TestMail.await(me.email(), "Set a new password");
        assertThat(mail.text()).contains("30 minutes");
        String link = mail.token("/password-reset/new");

        var form = visitor.get("/password-reset/new?token=" + link);
        assertThat(form.body()).contains("id=\"reset-form\"").doesNotContain("id=\"link-problem\"");
        var weak = visitor.post("/password-reset/new", Map.of("token", link, "newPassword", "password123"));
        assertThat(weak.body()).contains("too easy to guess").contains("id=\"reset-form\"");

        var done = visitor.post("/password-reset/new", Map.of("token", link, "newPassword", NEW_PASSWORD));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"reset-done\"").contains("API tokens still working: 1");
        assertThat(signedIn.get("/account").location())
                .as("the other session ended")
                .endsWith("/login?ended");
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(token))
                        .status())
                .as("tokens are kept unless revoking them was chosen")
                .isEqualTo(200);
        new WebSession(port).signIn(me.email(), NEW_PASSWORD);

        var again = visitor.post("/password-reset/new", Map.of("token", link, "newPassword", "yet another passphrase"));
        assertThat(again.body()).contains("id=\"link-problem\"").contains("used already");
        assertThat(visitor.get("/password-reset/new?token=" + link).body()).contains("used already");
        new WebSession(port).signIn(me.email(), NEW_PASSWORD);
    }

    @Test
    void anExpiredLinkIsRefusedClearly() {
        var me = AccountFixtures.person(registration, jdbc);
        assertThat(api.post("/api/v1/account/password-reset", "{\"email\":\"%s\"}".formatted(me.email()))
                        .status())
                .isEqualTo(202);
        String link = TestMail.await(me.email(), "Set a new password").token("/password-reset/new");
        jdbc.sql("update account_link set expires_at = now() - interval '1 minute' where token_hash = :hash")
                .param("hash", Hashes.sha256(link))
                .update();

        assertThat(new WebSession(port).get("/password-reset/new?token=" + link).body())
                .contains("id=\"link-problem\"")
                .contains("This link has expired");
        var refused = api.post(
                "/api/v1/account/password-reset/confirmation",
                "{\"token\":\"%s\",\"newPassword\":\"%s\"}".formatted(link, NEW_PASSWORD));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/link-expired");
        new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
    }

    @Test
    void theApiResetsOnceAndCanRevokeTokens() {
        var me = AccountFixtures.person(registration, jdbc);
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        api.post("/api/v1/account/password-reset", "{\"email\":\"%s\"}".formatted(me.email()));
        String link = TestMail.await(me.email(), "Set a new password").token("/password-reset/new");
        String body = "{\"token\":\"%s\",\"newPassword\":\"%s\",\"revokeTokens\":true}".formatted(link, NEW_PASSWORD);

        var reset = api.post("/api/v1/account/password-reset/confirmation", body);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().get("sessionsEnded").asBoolean()).isTrue();
        assertThat(reset.json().get("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/account", "Authorization", ApiClient.bearer(token))
                        .status())
                .isEqualTo(401);

        var second = api.post("/api/v1/account/password-reset/confirmation", body);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asString()).isEqualTo("/problems/link-used");
        var unknown = api.post(
                "/api/v1/account/password-reset/confirmation",
                "{\"token\":\"nope\",\"newPassword\":\"%s\"}".formatted(NEW_PASSWORD));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void askingTellsNobodyWhetherAnAddressHasAnAccount() {
        var me = AccountFixtures.person(registration, jdbc);
        String stranger = "nobody-" + UUID.randomUUID() + "@example.org";

        var known = new WebSession(port).post("/password-reset", Map.of("email", me.email()));
        var unknown = new WebSession(port).post("/password-reset", Map.of("email", stranger));
        assertThat(unknown.status()).isEqualTo(known.status());
        assertThat(sentNotice(unknown.body()).replace(stranger, "ADDRESS"))
                .isEqualTo(sentNotice(known.body()).replace(me.email(), "ADDRESS"));

        var knownApi = api.post("/api/v1/account/password-reset", "{\"email\":\"%s\"}".formatted(me.email()));
        var unknownApi = api.post("/api/v1/account/password-reset", "{\"email\":\"%s\"}".formatted(stranger));
        assertThat(unknownApi.status()).isEqualTo(knownApi.status()).isEqualTo(202);
        assertThat(unknownApi.body()).isEqualTo(knownApi.body());

        TestMail.await(me.email(), "Set a new password", 2);
        assertThat(TestMail.to(stranger)).isEmpty();
        assertThat(api.post("/api/v1/account/password-reset", "{\"email\":\"not an address\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void mailIsWrittenInThePersonsChosenLanguage() {
        var me = AccountFixtures.person(registration, jdbc);
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        assertThat(api.put(
                                "/api/v1/account/language",
                                "{\"language\":\"zh-CN\"}",
                                "Authorization",
                                ApiClient.bearer(token))
                        .status())
                .isEqualTo(204);
        assertThat(api.put(
                                "/api/v1/account/language",
                                "{\"language\":\"fr\"}",
                                "Authorization",
                                ApiClient.bearer(token))
                        .status())
                .isEqualTo(400);

        api.post("/api/v1/account/password-reset", "{\"email\":\"%s\"}".formatted(me.email()));

        var mail = TestMail.await(me.email(), "设置新密码");
        assertThat(mail.text()).contains("30 分钟");
    }

    private static String sentNotice(String page) {
        int start = page.indexOf("id=\"reset-sent\"");
        assertThat(start).isPositive();
        return page.substring(start, page.indexOf("</article>", start));
    }
}
