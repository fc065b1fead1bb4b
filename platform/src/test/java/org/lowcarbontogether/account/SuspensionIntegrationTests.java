package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;

/**
 * Suspending an account: the person cannot sign in (told so only with the right password), their session ends on its
 * next request, their tokens are refused and no new one is issued; nothing of their ledger changes; reinstated, they
 * are back. Audited both ways.
 */
@IntegrationTest
class SuspensionIntegrationTests extends OrganiserScenario {

    @Test
    void aSuspendedPersonIsLockedOutAndKeepsTheirLedger() {
        Person admin = organisers.person(Role.ADMIN);
        Person person = organisers.person();
        var recorded = api.post(
                "/api/v1/records",
                """
                {"behaviour":"METRO_INSTEAD_OF_CAR","quantity":8,"unit":"km","occurredAt":"%s","region":"CN-SH"}""".formatted(OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(2)),
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        String ledgerBefore = ledger(person.id());
        var session = new WebSession(port).signIn(person.user().email(), AccountFixtures.PASSWORD);
        assertThat(session.get("/account").status()).isEqualTo(200);

        var console = new WebSession(port).signIn(admin.user().email(), AccountFixtures.PASSWORD);
        var noReason = console.post("/admin/people/" + person.id() + "/suspension", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(302);
        assertThat(console.get("/admin/people/" + person.id()).body()).contains("id=\"problem\"");
        var suspended = console.post(
                "/admin/people/" + person.id() + "/suspension", Map.of("reason", "Reported for fake records"));
        assertThat(suspended.status()).isEqualTo(302);
        assertThat(console.get("/admin/people/" + person.id()).body())
                .contains("id=\"suspension\"")
                .contains("Reported for fake records");

        assertThat(session.get("/account").location())
                .as("their session ends on its next request")
                .contains("/login?ended");
        var signIn = new WebSession(port)
                .post("/login", Map.of("username", person.user().email(), "password", AccountFixtures.PASSWORD));
        assertThat(signIn.location()).contains("/login?suspended");
        var wrongPassword = new WebSession(port)
                .post("/login", Map.of("username", person.user().email(), "password", "not the password at all"));
        assertThat(wrongPassword.location())
                .as("the state is told only to whoever knows the password")
                .contains("/login?error");

        var refused = api.get("/api/v1/account/points", "Authorization", person.bearer());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/account-suspended");
        String basic = Base64.getEncoder()
                .encodeToString(
                        (person.user().email() + ":" + AccountFixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
        var newToken = api.post("/api/v1/tokens", "{}", "Authorization", "Basic " + basic);
        assertThat(newToken.status()).isEqualTo(403);
        assertThat(newToken.json().get("type").asString()).isEqualTo("/problems/account-suspended");
        assertThat(ledger(person.id())).isEqualTo(ledgerBefore);

        var reinstated =
                api.delete("/api/v1/admin/people/" + person.id() + "/suspension", "Authorization", admin.bearer());
        assertThat(reinstated.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/account/points", "Authorization", person.bearer())
                        .status())
                .isEqualTo(200);
        assertThat(new WebSession(port)
                        .signIn(person.user().email(), AccountFixtures.PASSWORD)
                        .get("/account")
                        .status())
                .isEqualTo(200);
        assertThat(ledger(person.id())).isEqualTo(ledgerBefore);
        assertThat(jdbc.sql("select action, detail ->> 'reason' from audit_entry where target_id = :id order by id")
                        .param("id", person.id())
                        .query((rs, n) -> rs.getString(1) + ":" + rs.getString(2))
                        .list())
                .containsExactly("account-suspended:Reported for fake records", "account-reinstated:null");
    }

    @Test
    void anAdministratorCannotSuspendThemselves() {
        Person admin = organisers.person(Role.ADMIN);
        var self = api.put(
                "/api/v1/admin/people/" + admin.id() + "/suspension",
                "{\"reason\":\"testing\"}",
                "Authorization",
                admin.bearer());
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.json().get("type").asString()).isEqualTo("/problems/suspend-self");
        var person = organisers.person();
        assertThat(api.put(
                                "/api/v1/admin/people/" + person.id() + "/suspension",
                                "{\"reason\":\"spam\"}",
                                "Authorization",
                                admin.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.put(
                                "/api/v1/admin/people/" + person.id() + "/suspension",
                                "{\"reason\":\"spam\"}",
                                "Authorization",
                                admin.bearer())
                        .status())
                .isEqualTo(409);
    }

    private String ledger(UUID person) {
        return jdbc.sql("""
                        select count(*) || ':' || coalesce(string_agg(hash, ',' order by seq), '')
                        from ledger_entry where user_id = :id""").param("id", person).query(String.class).single();
    }
}
