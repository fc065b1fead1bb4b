package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;

/**
 * Onboarding an organisation from an empty start: a person applies on the page, an administrator admits it on the
 * console and the applicant organises the new organisation; a decline's reason reaches the applicant; the limits on
 * applications hold, on the page and over the API.
 */
@IntegrationTest
class OrganisationOnboardingIntegrationTests extends OrganiserScenario {

    @Test
    void aFreshPersonAppliesAnAdministratorAdmitsAndTheApplicantOrganisesIt() {
        Person applicant = organisers.person();
        Person admin = organisers.person(Role.ADMIN);
        String name = "Riverside Repair Café " + UUID.randomUUID().toString().substring(0, 8);
        var applying = new WebSession(port).signIn(applicant.user().email(), AccountFixtures.PASSWORD);

        assertThat(applying.get("/organisations/apply").status()).isEqualTo(200);
        var sent = applying.post("/organisations/apply", form(name, "ngo@example.org"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        assertThat(sent.location()).endsWith("/account/organisations");
        var mine = applying.get("/account/organisations");
        assertThat(mine.body()).contains(name).contains("Open");
        assertThat(applying.get("/account").body()).contains(name);

        UUID application = applicationOf(applicant.id(), name);
        var console = new WebSession(port).signIn(admin.user().email(), AccountFixtures.PASSWORD);
        assertThat(console.get("/admin").body()).contains("/admin/organisations");
        assertThat(console.get("/admin/organisations").body()).contains("application-" + application);
        var admitted = console.post("/admin/organisations/" + application + "/admission", Map.of());
        assertThat(admitted.status()).isEqualTo(302);
        assertThat(console.get("/admin/organisations?state=ADMITTED").body()).contains(name);

        UUID organisation = jdbc.sql("select organisation_id from organisation_application where id = :id")
                .param("id", application)
                .query(UUID.class)
                .single();
        assertThat(organisations.isOrganiser(applicant.id(), organisation)).isTrue();
        assertThat(jdbc.sql("select region from organisation where id = :id")
                        .param("id", organisation)
                        .query(String.class)
                        .single())
                .isEqualTo("CN-GD");
        assertThat(roles(applicant.id())).contains("ORGANISER");
        assertThat(actions(application)).containsExactly("organisation-applied", "organisation-admitted");
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'role-granted' and target_id = :who
                            and organisation_id = :org and actor_id = :admin""")
                        .param("who", applicant.id())
                        .param("org", organisation)
                        .param("admin", admin.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // The new role ended the applicant's session; signed in again, they run their organisation.
        assertThat(applying.get("/account/organisations").location()).contains("/login?ended");
        var again = new WebSession(port).signIn(applicant.user().email(), AccountFixtures.PASSWORD);
        assertThat(again.get("/account/organisations").body()).contains("Admitted");
        assertThat(again.get("/organisations/" + organisation + "/members").status())
                .isEqualTo(200);
        assertThat(again.post("/admin/organisations/" + application + "/admission", Map.of())
                        .status())
                .as("the applicant is no decider")
                .isEqualTo(403);
    }

    @Test
    void aDeclineCarriesItsReasonToTheApplicant() {
        Person applicant = organisers.person();
        Person officer = organisers.person(Role.PROGRAMME_OFFICER);
        String name = "Green Commuters " + UUID.randomUUID().toString().substring(0, 8);
        var applied = api.post(
                "/api/v1/account/organisation-applications",
                body(name, "EMPLOYER", "hello@example.org"),
                "Authorization",
                applicant.bearer());
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.json().get("state").asString()).isEqualTo("OPEN");
        String id = applied.json().get("id").asString();

        var noReason = api.post(
                "/api/v1/admin/organisation-applications/" + id + "/decline",
                "{\"reason\":\"  \"}",
                "Authorization",
                officer.bearer());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        var declined = api.post(
                "/api/v1/admin/organisation-applications/" + id + "/decline",
                "{\"reason\":\"Please apply through your employer's sustainability office.\"}",
                "Authorization",
                officer.bearer());
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().get("state").asString()).isEqualTo("DECLINED");

        var mine = api.get("/api/v1/account/organisation-applications", "Authorization", applicant.bearer());
        assertThat(mine.json().get(0).get("reason").asString()).contains("sustainability office");
        var page = new WebSession(port).signIn(applicant.user().email(), AccountFixtures.PASSWORD);
        assertThat(page.get("/account").body()).contains("Declined").contains("sustainability office");
        assertThat(api.post(
                                "/api/v1/admin/organisation-applications/" + id + "/admission",
                                "",
                                "Authorization",
                                officer.bearer())
                        .status())
                .as("a decided application stays decided")
                .isEqualTo(409);
        assertThat(actions(UUID.fromString(id))).containsExactly("organisation-applied", "organisation-declined");
    }

    @Test
    void oneOpenApplicationPerNameAndNoneForATakenName() {
        Person applicant = organisers.person();
        String name = "Campus Cyclists " + UUID.randomUUID().toString().substring(0, 8);
        String bearer = applicant.bearer();
        assertThat(post(name, bearer).status()).isEqualTo(201);

        var again = post(name.toUpperCase(), bearer);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("/problems/organisation-application-open");

        var existing = organisations.create("Existing Org " + UUID.randomUUID(), Organisations.Kind.NGO);
        var taken = post(existing.name().toLowerCase(), bearer);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("/problems/organisation-name-taken");

        var page = new WebSession(port).signIn(applicant.user().email(), AccountFixtures.PASSWORD);
        var onPage = page.post("/organisations/apply", form(existing.name(), "x@example.org"));
        assertThat(onPage.status()).as("the form comes back with the problem").isEqualTo(200);
        assertThat(onPage.body()).contains("already exists");

        var invalid = api.post("/api/v1/account/organisation-applications", """
                {"name":"X","kind":"BAKERY","description":"","website":"ftp://example.org","contactEmail":"no","region":"Mars"}""", "Authorization", bearer);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "kind", "description", "website", "contactEmail", "region");
    }

    @Test
    void administratorsCreateOrganisationsUnderUniqueNamesAndTheLogSaysSo() {
        Person admin = organisers.person(Role.ADMIN);
        String name = "Harbour Coalition " + UUID.randomUUID().toString().substring(0, 8);
        var created = api.post(
                "/api/v1/organisations",
                "{\"name\":\"%s\",\"kind\":\"COALITION\"}".formatted(name),
                "Authorization",
                admin.bearer());
        assertThat(created.status()).isEqualTo(201);
        var again = api.post(
                "/api/v1/organisations",
                "{\"name\":\"%s\",\"kind\":\"NGO\"}".formatted(name.toUpperCase()),
                "Authorization",
                admin.bearer());
        assertThat(again.status()).isEqualTo(409);
        assertThat(actions(UUID.fromString(created.json().get("id").asString())))
                .containsExactly("organisation-created");
    }

    @Test
    void nobodyDecidesTheirOwnApplication() {
        Person officer = organisers.person(Role.PROGRAMME_OFFICER);
        String id = post("Officer's own " + UUID.randomUUID(), officer.bearer())
                .json()
                .get("id")
                .asString();
        var own = api.post(
                "/api/v1/admin/organisation-applications/" + id + "/admission", "", "Authorization", officer.bearer());
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.json().get("type").asString()).isEqualTo("/problems/organisation-application-own");
        assertThat(api.get(
                                "/api/v1/admin/organisation-applications",
                                "Authorization",
                                organisers.person().bearer())
                        .status())
                .isEqualTo(403);
    }

    private ApiClient.Response post(String name, String bearer) {
        return api.post(
                "/api/v1/account/organisation-applications",
                body(name, "CAMPUS_ASSOCIATION", "club@example.org"),
                "Authorization",
                bearer);
    }

    private static String body(String name, String kind, String email) {
        return """
                {"name":"%s","kind":"%s","description":"Weekly rides and a repair corner.","website":"https://example.org",
                 "contactEmail":"%s","region":"CN-GD"}""".formatted(name, kind, email);
    }

    private static Map<String, String> form(String name, String email) {
        return Map.of(
                "name",
                name,
                "kind",
                "NGO",
                "description",
                "We repair bikes, lamps and clothes every Saturday.",
                "website",
                "https://repair.example.org",
                "contactEmail",
                email,
                "region",
                "CN-GD");
    }

    private UUID applicationOf(UUID applicant, String name) {
        return jdbc.sql("select id from organisation_application where applicant_id = :a and name = :n")
                .param("a", applicant)
                .param("n", name)
                .query(UUID.class)
                .single();
    }

    private List<String> actions(UUID application) {
        return jdbc.sql("select action from audit_entry where target_id = :id order by id")
                .param("id", application)
                .query(String.class)
                .list();
    }

    private String roles(UUID person) {
        return jdbc.sql("select roles from app_user where id = :id")
                .param("id", person)
                .query(String.class)
                .single();
    }
}
