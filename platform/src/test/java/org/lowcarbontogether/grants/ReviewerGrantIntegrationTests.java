package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;

/**
 * From an empty start a programme office can review: an officer makes someone a reviewer on the console, for their
 * programme, and assigning that person to an application is accepted where it was refused ({@code
 * review-not-reviewer}). Withdrawing an officer's role for a programme ends their appointment there.
 */
@IntegrationTest
class ReviewerGrantIntegrationTests extends ProgrammeScenario {

    @Test
    void anOfficerMakesSomeoneAReviewerAndCanThenAssignThem() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String application = apply(setup, ngo, "Dormitory recording circles");
        Person expert = organisers.person();
        String assign = "/api/v1/applications/" + application + "/reviewers";
        String email = "{\"email\":\"" + expert.user().email() + "\"}";

        var refused = api.post(assign, email, "Authorization", setup.officer().bearer());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/review-not-reviewer");

        var office = new WebSession(port).signIn(setup.officer().user().email(), AccountFixtures.PASSWORD);
        assertThat(office.get("/admin").status()).isEqualTo(200);
        assertThat(office.get("/admin/people?q=" + expert.user().email()).body())
                .contains("/admin/people/" + expert.id());
        var granted = office.post(
                "/admin/people/" + expert.id() + "/roles",
                Map.of(
                        "role",
                        "REVIEWER",
                        "scope",
                        "PROGRAMME",
                        "programmeId",
                        setup.programme().toString()));
        assertThat(granted.status()).isEqualTo(302);
        assertThat(office.get("/admin/people/" + expert.id()).body())
                .contains("id=\"done\"")
                .contains("Low-carbon consumption small grants");

        var assigned = api.post(assign, email, "Authorization", setup.officer().bearer());
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'role-granted' and actor_id = :officer
                            and target_id = :expert and detail ->> 'scopeId' = :programme""")
                        .param("officer", setup.officer().id())
                        .param("expert", expert.id())
                        .param("programme", setup.programme().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void withdrawingAnOfficersProgrammeRoleEndsTheirAppointment() {
        Setup setup = programmeWithCall();
        assertThat(api.post(
                                "/api/v1/programmes/" + setup.programme() + "/calls",
                                "{}",
                                "Authorization",
                                setup.officer().bearer())
                        .status())
                .as("an officer, whose empty call is merely invalid")
                .isEqualTo(400);
        var withdrawn = api.delete(
                "/api/v1/admin/people/" + setup.officer().id() + "/roles/PROGRAMME_OFFICER?scope=PROGRAMME&scopeId="
                        + setup.programme(),
                "Authorization",
                setup.admin().bearer());
        assertThat(withdrawn.status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from programme_officer where user_id = :u")
                        .param("u", setup.officer().id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select roles from app_user where id = :u")
                        .param("u", setup.officer().id())
                        .query(String.class)
                        .single())
                .doesNotContain("PROGRAMME_OFFICER");
        assertThat(api.post(
                                "/api/v1/programmes/" + setup.programme() + "/calls",
                                "{}",
                                "Authorization",
                                setup.officer().bearer())
                        .status())
                .as("no longer an officer of the programme")
                .isEqualTo(403);
    }
}
