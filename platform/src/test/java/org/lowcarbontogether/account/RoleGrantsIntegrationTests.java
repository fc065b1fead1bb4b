package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Granting and withdrawing roles on the console: scoped grants kept beside the union in {@code app_user.roles}, the
 * credentials version moved on each change, who may do what, the last administrator, and 403 for everyone else on every
 * console page and API.
 */
@IntegrationTest
class RoleGrantsIntegrationTests extends OrganiserScenario {

    @Autowired
    RoleGrants roleGrants;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anAdministratorGrantsAScopedRoleAndWithdrawsIt() {
        Person admin = organisers.person(Role.ADMIN);
        Person person = organisers.person();
        var org = organisers.organisation(Organisations.Kind.ENTERPRISE);
        int before = version(person.id());

        var granted = api.post(
                "/api/v1/admin/people/" + person.id() + "/roles",
                "{\"role\":\"SPONSOR\",\"scope\":\"ORGANISATION\",\"scopeId\":\"%s\"}".formatted(org.id()),
                "Authorization",
                admin.bearer());
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("scopeKind").asString()).isEqualTo("ORGANISATION");
        assertThat(roles(person.id())).contains("SPONSOR");
        assertThat(version(person.id())).isGreaterThan(before);
        var shown = api.get("/api/v1/admin/people/" + person.id(), "Authorization", admin.bearer());
        assertThat(shown.json().get("grants").get(0).get("scopeName").asString())
                .startsWith("Org ");
        var page = new WebSession(port).signIn(admin.user().email(), AccountFixtures.PASSWORD);
        assertThat(page.get("/admin/people/" + person.id()).body())
                .contains("Sponsor")
                .contains("Organisation");
        assertThat(api.get("/api/v1/account/points", "Authorization", person.bearer())
                        .status())
                .as("the person's token still works and carries the new role")
                .isEqualTo(200);

        int granting = version(person.id());
        var withdrawn = api.delete(
                "/api/v1/admin/people/" + person.id() + "/roles/SPONSOR?scope=ORGANISATION&scopeId=" + org.id(),
                "Authorization",
                admin.bearer());
        assertThat(withdrawn.status()).isEqualTo(204);
        assertThat(roles(person.id())).doesNotContain("SPONSOR");
        assertThat(version(person.id())).isGreaterThan(granting);
        assertThat(jdbc.sql("""
                        select action from audit_entry where target_id = :who and organisation_id = :org order by id""")
                        .param("who", person.id())
                        .param("org", org.id())
                        .query(String.class)
                        .list())
                .containsExactly("role-granted", "role-withdrawn");
        assertThat(api.delete(
                                "/api/v1/admin/people/" + person.id() + "/roles/SPONSOR?scope=ORGANISATION&scopeId="
                                        + org.id(),
                                "Authorization",
                                admin.bearer())
                        .status())
                .as("nothing left to withdraw")
                .isEqualTo(404);
    }

    @Test
    void theConsoleGrantsAndWithdrawsOnItsPages() {
        Person admin = organisers.person(Role.ADMIN);
        Person person = organisers.person();
        var console = new WebSession(port).signIn(admin.user().email(), AccountFixtures.PASSWORD);
        var people = console.get("/admin/people?q=" + person.user().email());
        assertThat(people.body()).contains("/admin/people/" + person.id());

        var granted = console.post(
                "/admin/people/" + person.id() + "/roles", Map.of("role", "PRODUCT_REVIEWER", "scope", "PLATFORM"));
        assertThat(granted.status()).isEqualTo(302);
        assertThat(console.get("/admin/people/" + person.id()).body())
                .contains("id=\"done\"")
                .contains("Product reviewer");
        assertThat(roles(person.id())).contains("PRODUCT_REVIEWER");

        console.post(
                "/admin/people/" + person.id() + "/roles/withdrawal",
                Map.of("role", "PRODUCT_REVIEWER", "scope", "PLATFORM", "scopeId", ""));
        assertThat(roles(person.id())).doesNotContain("PRODUCT_REVIEWER");
        var self = console.post("/admin/people/" + admin.id() + "/roles", Map.of("role", "REVIEWER"));
        assertThat(self.status()).isEqualTo(302);
        assertThat(console.get("/admin/people/" + admin.id()).body()).contains("Nobody grants a role to themselves");
    }

    @Test
    void programmeOfficersManageTheReviewerRoleOnly() {
        Person officer = organisers.person(Role.PROGRAMME_OFFICER);
        Person person = organisers.person();
        var partner = api.post(
                "/api/v1/admin/people/" + person.id() + "/roles",
                "{\"role\":\"PARTNER\"}",
                "Authorization",
                officer.bearer());
        assertThat(partner.status()).isEqualTo(403);
        var otherProgramme = api.post(
                "/api/v1/admin/people/" + person.id() + "/roles",
                "{\"role\":\"REVIEWER\",\"scope\":\"PROGRAMME\",\"scopeId\":\"%s\"}".formatted(UUID.randomUUID()),
                "Authorization",
                officer.bearer());
        assertThat(otherProgramme.status()).as("not a programme they run").isEqualTo(403);
        var reviewer = api.post(
                "/api/v1/admin/people/" + person.id() + "/roles",
                "{\"role\":\"REVIEWER\"}",
                "Authorization",
                officer.bearer());
        assertThat(reviewer.status()).isEqualTo(201);
        assertThat(roles(person.id())).contains("REVIEWER");
        assertThat(api.put(
                                "/api/v1/admin/people/" + person.id() + "/suspension",
                                "{\"reason\":\"test\"}",
                                "Authorization",
                                officer.bearer())
                        .status())
                .as("only administrators suspend")
                .isEqualTo(403);
        assertThat(api.get("/api/v1/admin/audit", "Authorization", officer.bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete(
                                "/api/v1/admin/people/" + person.id() + "/roles/REVIEWER",
                                "Authorization",
                                officer.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(roles(person.id())).doesNotContain("REVIEWER");
    }

    @Test
    void theLastActiveAdministratorKeepsTheirRole() {
        Person admin = organisers.person(Role.ADMIN);
        var me = admin.user();
        var change = new RoleGrants.Change("ADMIN", "PLATFORM", null);
        // Alone as an active administrator for the length of a transaction that is rolled back.
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update app_user set suspended_at = now() where id <> :me and roles like '%ADMIN%'")
                    .param("me", me.id())
                    .update();
            assertThatThrownBy(() -> roleGrants.withdraw(me, me.id(), change))
                    .isInstanceOf(Refusal.class)
                    .hasMessageContaining("last-administrator");
            status.setRollbackOnly();
        });
        assertThat(roles(me.id())).contains("ADMIN");

        // With other administrators about, one may step down.
        var stepDown = api.delete("/api/v1/admin/people/" + me.id() + "/roles/ADMIN", "Authorization", admin.bearer());
        assertThat(stepDown.status()).isEqualTo(204);
        assertThat(roles(me.id())).doesNotContain("ADMIN");
    }

    @Test
    void everyoneElseIsRefusedEveryConsolePageAndOperation() {
        Person someone = organisers.person();
        var org = organisers.organisation(Organisations.Kind.NGO);
        for (Person outsider : List.of(someone, org.organiser())) {
            var session = new WebSession(port).signIn(outsider.user().email(), AccountFixtures.PASSWORD);
            for (String path : List.of(
                    "/admin",
                    "/admin/people",
                    "/admin/people/" + someone.id(),
                    "/admin/organisations",
                    "/admin/audit",
                    "/admin/audit.csv")) {
                assertThat(session.get(path).status()).as(path).isEqualTo(403);
            }
            for (String path : List.of(
                    "/admin/people/" + someone.id() + "/roles",
                    "/admin/people/" + someone.id() + "/roles/withdrawal",
                    "/admin/people/" + someone.id() + "/suspension",
                    "/admin/people/" + someone.id() + "/reinstatement",
                    "/admin/organisations/" + UUID.randomUUID() + "/admission",
                    "/admin/organisations/" + UUID.randomUUID() + "/decline")) {
                assertThat(session.post(path, Map.of("role", "ADMIN", "reason", "x"))
                                .status())
                        .as(path)
                        .isEqualTo(403);
            }
            String bearer = outsider.bearer();
            for (String path : List.of(
                    "/api/v1/admin/people",
                    "/api/v1/admin/people/" + someone.id(),
                    "/api/v1/admin/audit",
                    "/api/v1/admin/audit/export",
                    "/api/v1/admin/organisation-applications")) {
                var refused = api.get(path, "Authorization", bearer);
                assertThat(refused.status()).as(path).isEqualTo(403);
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            }
            assertThat(api.post(
                                    "/api/v1/admin/people/" + outsider.id() + "/roles",
                                    "{\"role\":\"ADMIN\"}",
                                    "Authorization",
                                    bearer)
                            .status())
                    .isEqualTo(403);
            assertThat(api.put(
                                    "/api/v1/admin/people/" + someone.id() + "/suspension",
                                    "{\"reason\":\"x\"}",
                                    "Authorization",
                                    bearer)
                            .status())
                    .isEqualTo(403);
            assertThat(api.delete("/api/v1/admin/people/" + someone.id() + "/roles/ADMIN", "Authorization", bearer)
                            .status())
                    .isEqualTo(403);
        }
        assertThat(roles(someone.id())).doesNotContain("ADMIN");
    }

    private String roles(UUID person) {
        return jdbc.sql("select roles from app_user where id = :id")
                .param("id", person)
                .query(String.class)
                .single();
    }

    private int version(UUID person) {
        return jdbc.sql("select credentials_version from app_user where id = :id")
                .param("id", person)
                .query(Integer.class)
                .single();
    }
}
