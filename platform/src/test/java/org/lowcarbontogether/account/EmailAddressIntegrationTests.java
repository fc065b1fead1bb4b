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
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The address of an account, through pages and API with the mail read from the SMTP server: verified by the link sent
 * at registration (once), required to redeem rewards and join organisations, moved to another address only by the
 * link sent there, and cancelled or undone from the old one.
 */
@IntegrationTest
class EmailAddressIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    Organisations organisations;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    private boolean verified(String email) {
        return jdbc.sql("select email_verified_at is not null from app_user where email = :email")
                .param("email", email)
                .query(Boolean.class)
                .single();
    }

    @Test
    void registrationSendsALinkThatVerifiesTheAddressOnce() {
        String email = "joiner-" + UUID.randomUUID() + "@example.org";
        var browser = new WebSession(port);
        var joined = browser.post(
                "/register",
                Map.of(
                        "email",
                        email,
                        "displayName",
                        "Joiner",
                        "password",
                        "walk to school every day",
                        "age",
                        "14-or-older"));
        assertThat(joined.status()).isEqualTo(302);
        assertThat(verified(email)).isFalse();
        assertThat(browser.get("/account").body())
                .contains("id=\"email-unverified\"")
                .contains("resend-verification");
        assertThat(browser.get("/account/security").body()).contains("id=\"email-not-verified\"");

        String token = TestMail.await(email, "Confirm your email address").token("/email/verify");
        var anyone = new WebSession(port);
        var page = anyone.get("/email/verify?token=" + token);
        assertThat(page.body()).contains("id=\"link-form\"").contains(email);
        assertThat(verified(email)).as("opening the link uses nothing").isFalse();
        var done = anyone.post("/email/verify", Map.of("token", token));
        assertThat(done.body()).contains("id=\"link-done\"");
        assertThat(verified(email)).isTrue();
        assertThat(browser.get("/account").body()).doesNotContain("id=\"email-unverified\"");

        var again = anyone.post("/email/verify", Map.of("token", token));
        assertThat(again.body()).contains("id=\"link-problem\"").contains("used already");
        var api = new ApiClient(port).post("/api/v1/account/email-verification", "{\"token\":\"%s\"}".formatted(token));
        assertThat(api.status()).isEqualTo(409);
        assertThat(api.json().get("type").asString()).isEqualTo("/problems/link-used");
    }

    @Test
    void theLinkCanBeSentAgainFromTheAccountPage() {
        var me = AccountFixtures.unverified(registration);
        var browser = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        var resent = browser.post("/account/email/verification", Map.of());
        assertThat(resent.location()).endsWith("/account/security#email");
        assertThat(browser.get("/account/security").body()).contains("id=\"verification-sent\"");
        var links = TestMail.await(me.email(), "Confirm your email address", 2);

        String later = links.get(1).token("/email/verify");
        String token = api.token(me.email(), AccountFixtures.PASSWORD);
        assertThat(api.post("/api/v1/account/email-verification", "{\"token\":\"%s\"}".formatted(later))
                        .status())
                .isEqualTo(200);
        var already =
                api.post("/api/v1/account/email-verification/resend", "", "Authorization", ApiClient.bearer(token));
        assertThat(already.status()).isEqualTo(409);
        assertThat(already.json().get("type").asString()).isEqualTo("/problems/email-already-verified");
    }

    @Test
    void anUnverifiedAccountRecordsButCannotRedeemNorJoinAnOrganisation() {
        var me = AccountFixtures.unverified(registration);
        String bearer = ApiClient.bearer(api.token(me.email(), AccountFixtures.PASSWORD));
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var org = organisations.create(
                "Green Campus " + UUID.randomUUID().toString().substring(0, 6), Organisations.Kind.NGO);
        organisations.addMember(org.id(), organiser.id(), Organisations.MemberRole.ORGANISER);
        String organiserBearer = ApiClient.bearer(api.token(organiser.email(), AccountFixtures.PASSWORD));

        assertThat(api.get("/api/v1/account", "Authorization", bearer).status()).isEqualTo(200);
        var redeem = api.post(
                "/api/v1/rewards/" + UUID.randomUUID() + "/redemptions",
                "{}",
                "Authorization",
                bearer,
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(redeem.status()).isEqualTo(403);
        assertThat(redeem.json().get("type").asString()).isEqualTo("/problems/email-unverified");

        var invited = api.post(
                "/api/v1/organisations/" + org.id() + "/members",
                "{\"email\":\"%s\",\"role\":\"MEMBER\"}".formatted(me.email()),
                "Authorization",
                organiserBearer);
        assertThat(invited.status()).as(invited.body()).isEqualTo(200);
        var invitation = TestMail.await(me.email(), org.name());
        assertThat(invitation.subject()).isEqualTo("An invitation to join " + org.name());
        assertThat(invitation.text()).contains("Test person invites you to join " + org.name() + " as Member.");
        assertThat(invitation.link("/account/organisations")).isEqualTo("http://localhost:8080/account/organisations");
        var refused = api.post("/api/v1/account/invitations/" + org.id(), "", "Authorization", bearer);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/email-unverified");
        var page = new WebSession(port).signIn(me.email(), AccountFixtures.PASSWORD);
        assertThat(page.post("/account/invitations/" + org.id() + "/accept", Map.of())
                        .location())
                .endsWith("/account/organisations");
        assertThat(page.get("/account/organisations").body())
                .contains("Confirm your email address first")
                .contains("id=\"invitation-" + org.id() + "\"");
        var again = api.post(
                "/api/v1/organisations/" + org.id() + "/members",
                "{\"email\":\"%s\",\"role\":\"MEMBER\"}".formatted(me.email()),
                "Authorization",
                organiserBearer);
        assertThat(again.status()).isEqualTo(200);

        String token = TestMail.await(me.email(), "Confirm your email address").token("/email/verify");
        assertThat(api.post("/api/v1/account/email-verification", "{\"token\":\"%s\"}".formatted(token))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/account/invitations/" + org.id(), "", "Authorization", bearer)
                        .status())
                .isEqualTo(200);
        var unknownReward = api.post(
                "/api/v1/rewards/" + UUID.randomUUID() + "/redemptions",
                "{}",
                "Authorization",
                bearer,
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(unknownReward.status())
                .as("past the check, on to the reward")
                .isEqualTo(404);
        // Inviting someone already invited sends nothing more.
        assertThat(TestMail.to(me.email()).stream().filter(m -> m.subject().contains(org.name())))
                .hasSize(1);
    }

    @Test
    void anAddressChangeHappensOnlyByTheLinkToTheNewAddressAndCanBeUndoneFromTheOldOne() {
        var me = AccountFixtures.person(registration, jdbc);
        String old = me.email();
        String fresh = "moved-" + UUID.randomUUID() + "@example.org";
        var browser = new WebSession(port).signIn(old, AccountFixtures.PASSWORD);

        var wrong =
                browser.post("/account/email", Map.of("newEmail", fresh, "currentPassword", "not my password at all"));
        assertThat(wrong.location()).endsWith("/account/security#email");
        assertThat(browser.get("/account/security").body()).contains("This is not your current password");
        var asked =
                browser.post("/account/email", Map.of("newEmail", fresh, "currentPassword", AccountFixtures.PASSWORD));
        assertThat(asked.location()).endsWith("/account/security#email");
        var security = browser.get("/account/security").body();
        assertThat(security).contains("id=\"change-requested\"").contains("id=\"pending-email\"");
        assertThat(jdbc.sql("select email from app_user where id = :id")
                        .param("id", me.id())
                        .query(String.class)
                        .single())
                .as("nothing changes before the link is followed")
                .isEqualTo(old);

        var confirmation = TestMail.await(fresh, "Confirm your new email address");
        var notice = TestMail.await(old, "about to change");
        assertThat(notice.text()).contains(fresh);
        var visitor = new WebSession(port);
        var confirmed =
                visitor.post("/email/change/confirm", Map.of("token", confirmation.token("/email/change/confirm")));
        assertThat(confirmed.body()).contains("id=\"link-done\"").contains(fresh);
        assertThat(browser.get("/account").location()).as("sessions end").endsWith("/login?ended");
        new WebSession(port).signIn(fresh, AccountFixtures.PASSWORD);
        assertThat(verified(fresh)).isTrue();

        var undone = visitor.post("/email/change/cancel", Map.of("token", notice.token("/email/change/cancel")));
        assertThat(undone.body())
                .contains("id=\"link-done\"")
                .contains("is back at")
                .contains(old);
        new WebSession(port).signIn(old, AccountFixtures.PASSWORD);
        assertThat(jdbc.sql("select count(*) from app_user where email = :e")
                        .param("e", fresh)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aChangeCancelledBeforeItIsConfirmedNeverHappens() {
        var me = AccountFixtures.person(registration, jdbc);
        String fresh = "never-" + UUID.randomUUID() + "@example.org";
        String bearer = ApiClient.bearer(api.token(me.email(), AccountFixtures.PASSWORD));
        var asked = api.post(
                "/api/v1/account/email",
                "{\"currentPassword\":\"%s\",\"newEmail\":\"%s\"}".formatted(AccountFixtures.PASSWORD, fresh),
                "Authorization",
                bearer);
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(api.get("/api/v1/account/email", "Authorization", bearer)
                        .json()
                        .get("pendingEmail")
                        .asString())
                .isEqualTo(fresh);

        String cancel = TestMail.await(me.email(), "about to change").token("/email/change/cancel");
        var cancelled = api.post("/api/v1/account/email/cancellation", "{\"token\":\"%s\"}".formatted(cancel));
        assertThat(cancelled.json().get("outcome").asString()).isEqualTo("CANCELLED");
        String confirm = TestMail.await(fresh, "Confirm your new email address").token("/email/change/confirm");
        var late = api.post("/api/v1/account/email/confirmation", "{\"token\":\"%s\"}".formatted(confirm));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("type").asString()).isEqualTo("/problems/link-used");
        assertThat(api.get("/api/v1/account/email", "Authorization", bearer)
                        .json()
                        .get("email")
                        .asString())
                .isEqualTo(me.email());
    }

    @Test
    void anAddressAnotherAccountHasIsRefusedWithoutSayingWhose() {
        var me = AccountFixtures.person(registration, jdbc);
        var other = AccountFixtures.person(registration, jdbc);
        String bearer = ApiClient.bearer(api.token(me.email(), AccountFixtures.PASSWORD));

        var taken = api.post(
                "/api/v1/account/email",
                "{\"currentPassword\":\"%s\",\"newEmail\":\"%s\"}"
                        .formatted(AccountFixtures.PASSWORD, other.email().toUpperCase(Locale.ROOT)),
                "Authorization",
                bearer);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("/problems/email-change-taken");
        assertThat(taken.body()).doesNotContain(other.id().toString()).doesNotContain("Test person");
        assertThat(TestMail.to(other.email())).isEmpty();
    }
}
