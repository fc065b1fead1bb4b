package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit log: what the modules record into it, that it cannot be changed or deleted even by SQL, the
 * administrators' search and CSV export, and an organisation's organisers reading only their own entries.
 */
@IntegrationTest
class AuditLogIntegrationTests extends OrganiserScenario {

    @Autowired
    AuditLog log;

    @Autowired
    Users users;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theLogRefusesUpdatesAndDeletes() {
        UUID target = UUID.randomUUID();
        log.record(null, AuditLog.Action.ROLES_SET, null, AuditLog.Target.PERSON, target, Map.of("roles", "ADMIN"));
        long id = jdbc.sql("select id from audit_entry where target_id = :t")
                .param("t", target)
                .query(Long.class)
                .single();

        assertThatThrownBy(() -> jdbc.sql("update audit_entry set action = 'role-granted' where id = :id")
                        .param("id", id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = :id")
                        .param("id", id)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        status -> jdbc.sql("truncate audit_entry").update()))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql("select action from audit_entry where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("roles-set");
    }

    @Test
    void membershipRoleAndOfficerChangesAreRecorded() {
        Org org = organisers.organisation(Organisations.Kind.NGO);
        Person member = organisers.person();
        Person admin = organisers.person(Role.ADMIN);
        String organiser = org.organiser().bearer();
        String members = "/api/v1/organisations/" + org.id() + "/members";

        api.post(members, "{\"email\":\"%s\"}".formatted(member.user().email()), "Authorization", organiser);
        api.post("/api/v1/account/invitations/" + org.id(), "", "Authorization", member.bearer());
        api.post(
                members,
                "{\"email\":\"%s\",\"role\":\"ORGANISER\"}"
                        .formatted(member.user().email()),
                "Authorization",
                organiser);
        assertThat(api.delete(members + "/" + member.id(), "Authorization", organiser)
                        .status())
                .isEqualTo(204);
        assertThat(actionsOn(member.id(), org.id()))
                .containsExactly(
                        "member-invited",
                        "invitation-accepted",
                        "member-role-changed",
                        "role-granted",
                        "member-removed");

        var office = organisations.create("Office " + UUID.randomUUID(), Organisations.Kind.COALITION);
        String programme = api.post("/api/v1/programmes", """
                {"name":"Audited programme","description":"Small grants","organisationId":"%s"}""".formatted(office.id()), "Authorization", admin.bearer())
                .json()
                .get("id")
                .asString();
        Person officer = organisers.person();
        assertThat(api.post(
                                "/api/v1/programmes/" + programme + "/officers",
                                "{\"email\":\"" + officer.user().email() + "\"}",
                                "Authorization",
                                admin.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'role-granted' and actor_id = :admin
                            and target_id = :officer and detail ->> 'role' = 'PROGRAMME_OFFICER'
                            and detail ->> 'scope' = 'PROGRAMME' and detail ->> 'scopeId' = :programme""")
                        .param("admin", admin.id())
                        .param("officer", officer.id())
                        .param("programme", programme)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from programme_officer where user_id = :u and programme_id = :p")
                        .param("u", officer.id())
                        .param("p", UUID.fromString(programme))
                        .query(Long.class)
                        .single())
                .as("the appointment itself")
                .isEqualTo(1);

        transactions.executeWithoutResult(
                status -> users.setRoles(member.id(), EnumSet.of(Role.PARTICIPANT, Role.PARTNER), admin.id()));
        assertThat(jdbc.sql("""
                        select detail ->> 'roles' from audit_entry where action = 'roles-set' and target_id = :m""").param("m", member.id()).query(String.class).single())
                .isEqualTo("PARTICIPANT,PARTNER");
    }

    @Test
    void administratorsSearchAndExportTheLog() {
        Person admin = organisers.person(Role.ADMIN);
        Person person = organisers.person();
        api.post(
                "/api/v1/admin/people/" + person.id() + "/roles",
                "{\"role\":\"PARTNER\"}",
                "Authorization",
                admin.bearer());
        api.delete("/api/v1/admin/people/" + person.id() + "/roles/PARTNER", "Authorization", admin.bearer());
        var console = new WebSession(port).signIn(admin.user().email(), AccountFixtures.PASSWORD);
        String email = person.user().email();
        LocalDate today = ProgrammeCalendar.today(Clock.systemUTC());

        var all = console.get("/admin/audit?person=" + email);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body())
                .contains("data-action=\"role-granted\"")
                .contains("data-action=\"role-withdrawn\"")
                .contains("Partner");
        var granted =
                console.get("/admin/audit?person=" + email + "&action=role-granted&from=" + today + "&to=" + today);
        assertThat(granted.body())
                .contains("data-action=\"role-granted\"")
                .doesNotContain("data-action=\"role-withdrawn\"");
        assertThat(console.get("/admin/audit?person=" + email + "&from=" + today.plusDays(1))
                        .body())
                .contains("id=\"no-entries\"");
        assertThat(console.get("/admin/audit?action=no-such-action").body()).contains("id=\"problem\"");
        assertThat(console.get("/admin/audit?from=tomorrow").status()).isEqualTo(200);

        var csv = console.get("/admin/audit.csv?person=" + email);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.getFirst()).startsWith("at,action,actor_id");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1))
                .contains("role-withdrawn")
                .contains(person.id().toString())
                .contains(admin.user().email());
        assertThat(rows.get(2)).contains("role-granted").contains("role=PARTNER");

        var exported = api.get(
                "/api/v1/admin/audit/export?person=" + email + "&action=role-granted", "Authorization", admin.bearer());
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.body().lines().toList()).hasSize(2);
        var json = api.get("/api/v1/admin/audit?person=" + person.id(), "Authorization", admin.bearer());
        assertThat(json.json().get("entries").findValuesAsString("action"))
                .containsExactly("role-withdrawn", "role-granted");
    }

    @Test
    void organisersSeeOnlyTheirOrganisationsLog() {
        Org mine = organisers.organisation(Organisations.Kind.NGO);
        Org theirs = organisers.organisation(Organisations.Kind.NGO);
        Person member = organisers.person();
        Person other = organisers.person();
        api.post(
                "/api/v1/organisations/" + mine.id() + "/members",
                "{\"email\":\"%s\"}".formatted(member.user().email()),
                "Authorization",
                mine.organiser().bearer());
        api.post(
                "/api/v1/organisations/" + theirs.id() + "/members",
                "{\"email\":\"%s\"}".formatted(other.user().email()),
                "Authorization",
                theirs.organiser().bearer());

        var session = new WebSession(port).signIn(mine.organiser().user().email(), AccountFixtures.PASSWORD);
        var page = session.get("/organisations/" + mine.id() + "/audit");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-action=\"member-invited\"");
        for (Long entry : jdbc.sql("select id from audit_entry where organisation_id = :o")
                .param("o", theirs.id())
                .query(Long.class)
                .list()) {
            assertThat(page.body()).doesNotContain("id=\"entry-" + entry + "\"");
        }
        assertThat(session.get("/organisations/" + theirs.id() + "/audit").status())
                .isEqualTo(403);
        assertThat(new WebSession(port)
                        .signIn(member.user().email(), AccountFixtures.PASSWORD)
                        .get("/organisations/" + mine.id() + "/audit")
                        .status())
                .as("an invited person is no organiser")
                .isEqualTo(403);

        var entries = api.get(
                "/api/v1/organisations/" + mine.id() + "/audit",
                "Authorization",
                mine.organiser().bearer());
        assertThat(entries.status()).isEqualTo(200);
        assertThat(entries.json().get("entries").findValuesAsString("organisationId"))
                .isNotEmpty()
                .containsOnly(mine.id().toString());
        assertThat(entries.json().get("entries").findValuesAsString("targetId"))
                .contains(member.id().toString());
        assertThat(entries.json().get("entries").findValues("actorEmail"))
                .as("organisers read names, not addresses")
                .isNotEmpty()
                .allMatch(JsonNode::isNull);
        assertThat(api.get(
                                "/api/v1/organisations/" + theirs.id() + "/audit",
                                "Authorization",
                                mine.organiser().bearer())
                        .status())
                .isEqualTo(403);
    }

    private List<String> actionsOn(UUID person, UUID organisation) {
        return jdbc.sql("select action from audit_entry where target_id = :p and organisation_id = :o order by id")
                .param("p", person)
                .param("o", organisation)
                .query(String.class)
                .list();
    }
}
