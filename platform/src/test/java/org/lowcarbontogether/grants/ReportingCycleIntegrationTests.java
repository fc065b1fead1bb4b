package org.lowcarbontogether.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;

/**
 * The reporting cycle: a scheduled interim report, submitted, returned with reasons, resubmitted and accepted — and
 * the tranche that waits for it released only after the acceptance; who may do what.
 */
@IntegrationTest
class ReportingCycleIntegrationTests extends ProgrammeScenario {

    @Test
    void reportReviewedThenTheTrancheWaitingForItIsReleased() {
        Setup setup = programmeWithCall();
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String application = apply(setup, ngo, "Cycle to class");
        LocalDate start = LocalDate.now(CST).minusDays(5);
        var decided = api.post(
                "/api/v1/applications/" + application + "/decision",
                """
                {"award":true,"note":"Funded","amountFen":3000000,"startsOn":"%s","endsOn":"%s",
                 "tranches":[{"amountFen":2000000,"condition":"On signature","dueOn":"%s"},
                             {"amountFen":1000000,"condition":"After the interim report","dueOn":"%s"}]}""".formatted(start, start.plusMonths(6), start, start.plusMonths(3)),
                "Authorization",
                setup.officer().bearer());
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        String project = api.get(
                        "/api/v1/applications/" + application,
                        "Authorization",
                        setup.officer().bearer())
                .json()
                .get("project")
                .get("id")
                .asString();
        String officer = setup.officer().bearer();
        String grantee = ngo.organiser().bearer();
        Org other = organisers.organisation(Organisations.Kind.NGO);
        String stranger = other.organiser().bearer();

        // The officer schedules an interim report and makes the second tranche wait for it.
        String schedule = "/api/v1/awards/" + project + "/report-schedule";
        assertThat(api.post(
                                schedule,
                                "{\"kind\":\"INTERIM\",\"dueOn\":\"" + start.plusMonths(2) + "\"}",
                                "Authorization",
                                grantee)
                        .status())
                .as("only officers schedule")
                .isEqualTo(403);
        var scheduled = api.post(
                schedule, "{\"kind\":\"INTERIM\",\"dueOn\":\"" + start.plusMonths(2) + "\"}", "Authorization", officer);
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
        assertThat(scheduled.json().get(0).get("state").asString()).isEqualTo("DUE");
        assertThat(api.get(schedule, "Authorization", stranger).status())
                .as("another grantee does not see this award")
                .isEqualTo(403);
        assertThat(api.put(
                                "/api/v1/awards/" + project + "/tranches/2/after-report",
                                "{\"report\":1}",
                                "Authorization",
                                officer)
                        .status())
                .isEqualTo(200);
        String payment = "/api/v1/projects/" + project + "/tranches/2/payment";
        String paid = "{\"paidOn\":\"" + LocalDate.now(CST) + "\",\"reference\":\"BANK-2\"}";
        var early = api.post(payment, paid, "Authorization", officer);
        assertThat(early.status())
                .as("not releasable before the report is accepted")
                .isEqualTo(409);
        assertThat(early.header("Content-Type")).startsWith("application/problem+json");
        assertThat(early.body()).contains("tranche-awaits-report");

        // The grantee submits it; the officer requests changes with reasons.
        var submitted = api.post(
                "/api/v1/projects/" + project + "/reports",
                """
                {"kind":"MILESTONE","periodFrom":"%s","periodTo":"%s","narrative":"Forty students cycle to class now.","schedule":1}""".formatted(start, LocalDate.now(CST)),
                "Authorization",
                grantee);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String report = submitted.json().get("id").asString();
        assertThat(submitted.json().get("reviewStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(api.get("/api/v1/reports/" + report, "Authorization", stranger)
                        .status())
                .isEqualTo(404);
        String review = "/api/v1/reports/" + report + "/review";
        assertThat(api.post(review, "{\"decision\":\"ACCEPTED\"}", "Authorization", grantee)
                        .status())
                .as("the grantee does not review its own report")
                .isEqualTo(403);
        assertThat(api.post(review, "{\"decision\":\"CHANGES_REQUESTED\"}", "Authorization", officer)
                        .status())
                .as("changes are requested with reasons")
                .isEqualTo(400);
        var returned = api.post(
                review,
                "{\"decision\":\"CHANGES_REQUESTED\",\"reasons\":\"Say how the forty were counted.\"}",
                "Authorization",
                officer);
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        assertThat(returned.json().get("reviewStatus").asString()).isEqualTo("CHANGES_REQUESTED");
        assertThat(api.post(payment, paid, "Authorization", officer).status()).isEqualTo(409);
        assertThat(api.get(schedule, "Authorization", grantee)
                        .json()
                        .get(0)
                        .get("state")
                        .asString())
                .isEqualTo("CHANGES_REQUESTED");

        // The grantee resubmits (the stranger cannot); then the officer accepts.
        String revision = "{\"narrative\":\"Forty students cycle to class, counted at the bike racks each Monday.\"}";
        assertThat(api.put("/api/v1/reports/" + report, revision, "Authorization", stranger)
                        .status())
                .isEqualTo(404);
        var resubmitted = api.put("/api/v1/reports/" + report, revision, "Authorization", grantee);
        assertThat(resubmitted.status()).as(resubmitted.body()).isEqualTo(200);
        assertThat(resubmitted.json().get("reviewStatus").asString()).isEqualTo("SUBMITTED");
        assertThat(api.put("/api/v1/reports/" + report, revision, "Authorization", grantee)
                        .status())
                .as("only a returned report is resubmitted")
                .isEqualTo(409);
        var accepted = api.post(review, "{\"decision\":\"ACCEPTED\"}", "Authorization", officer);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("reviews")).hasSize(2);
        assertThat(accepted.json().get("reviews").get(0).get("reasons").asString())
                .isEqualTo("Say how the forty were counted.");
        assertThat(api.post(review, "{\"decision\":\"ACCEPTED\"}", "Authorization", officer)
                        .status())
                .isEqualTo(409);

        // Accepted: the tranche is released, and the grantee hears of it (TrancheReleased).
        var released = api.post(payment, paid, "Authorization", officer);
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                                        select count(*) from notification_sent where user_id = :u and key = :k""")
                                .param("u", ngo.organiser().id())
                                .param("k", "tranche-released:" + project + ":2")
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(api.post(
                                "/api/v1/projects/" + project + "/reports",
                                """
                {"kind":"MILESTONE","periodFrom":"%s","periodTo":"%s","narrative":"The same scheduled report again.","schedule":1}""".formatted(start, LocalDate.now(CST)),
                                "Authorization",
                                grantee)
                        .status())
                .isEqualTo(409);
        assertThat(jdbc.sql("""
                                select count(*) from audit_entry where target_id = :p and action in
                                  ('report-scheduled', 'tranche-after-report', 'grantee-report-accepted', 'grantee-report-returned')""")
                        .param("p", UUID.fromString(project))
                        .query(Long.class)
                        .single())
                .isEqualTo(4);

        // The page shows the schedule and the accepted report; the office's review form is gone once decided.
        var officerWeb = new WebSession(port).signIn(setup.officer().user().email(), AccountFixtures.PASSWORD);
        String page = officerWeb.get("/projects/" + project).body();
        assertThat(page).contains("id=\"scheduled-1\"", "id=\"report-" + report + "\"", "Accepted");
        var granteeWeb = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        var form = granteeWeb.post(
                "/projects/" + project + "/report-schedule",
                Map.of("kind", "FINAL", "dueOn", start.plusMonths(6).toString()),
                "/projects/" + project);
        assertThat(form.status()).isIn(302, 403);
        assertThat(api.get(schedule, "Authorization", officer).json())
                .as("a grantee's form does not schedule")
                .hasSize(1);
    }
}
