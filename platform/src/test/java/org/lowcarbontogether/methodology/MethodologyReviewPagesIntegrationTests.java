package org.lowcarbontogether.methodology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reviewers draft, send to review and publish through the pages; others are turned away. */
@IntegrationTest
class MethodologyReviewPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    Methodology methodology;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReviewerDraftsAndAnotherPublishes() {
        var author = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        var authorPages = new WebSession(port).signIn(author.email(), AccountFixtures.PASSWORD);
        assertThat(authorPages.get("/methodology/review").status()).isEqualTo(200);

        String version = MethodologyGovernanceIntegrationTests.nextDocument(jdbc, methodology)
                .version();
        var created = authorPages.post(
                "/methodology/review/drafts",
                Map.of(
                        "basedOn",
                        "1.0.0",
                        "version",
                        version,
                        "changelogEn",
                        "Page test",
                        "changelogZh",
                        "页面测试",
                        "effectiveFrom",
                        "2099-01-01"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).endsWith("/methodology/review/" + version);
        var draftPage = authorPages.get("/methodology/review/" + version);
        assertThat(draftPage.body()).contains("Send to review").contains("Correct a factor");

        var edited = authorPages.post(
                "/methodology/review/" + version + "/factors",
                Map.of(
                        "factorId",
                        "EF-METRO-GB-2025",
                        "value",
                        "0.0279",
                        "year",
                        "2025",
                        "sourceId",
                        "DESNZ-2025",
                        "confidence",
                        "HIGH"));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(authorPages.get("/methodology/review/" + version).body()).contains("0.0279");

        authorPages.post("/methodology/review/" + version + "/submit", Map.of("comment", "ready"));
        var ownApproval = authorPages.post("/methodology/review/" + version + "/approve", Map.of());
        assertThat(ownApproval.location()).endsWith("/methodology/review/" + version);
        assertThat(authorPages.get("/methodology/review/" + version).body()).contains("another reviewer");

        var reviewerPages = new WebSession(port).signIn(reviewer.email(), AccountFixtures.PASSWORD);
        var published = reviewerPages.post("/methodology/review/" + version + "/approve", Map.of("comment", "ok"));
        assertThat(published.location()).endsWith("/methodology/versions/" + version);
        assertThat(reviewerPages.get("/methodology/versions/" + version).body())
                .contains("published")
                .contains("sent to review")
                .doesNotContain("PUBLISHED");
        assertThat(reviewerPages.get("/methodology/restatements").status()).isEqualTo(200);
    }

    @Test
    void participantsCannotSeeTheReviewPages() {
        var participant = AccountFixtures.person(registration, jdbc);
        var pages = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        assertThat(pages.get("/methodology/review").status()).isEqualTo(403);
        assertThat(pages.get("/methodology/restatements").status()).isEqualTo(403);
        assertThat(pages.get("/record").status()).isEqualTo(200);
        assertThat(pages.get("/record?behaviour=EV_INSTEAD_OF_PETROL_CAR").body())
                .contains("parameters[kWhPerKm]");
    }

    @Test
    void aBehaviourIsRecordedWithItsCitedDefaultOrAPlausibleDeclaredInput() {
        var participant = AccountFixtures.person(registration, jdbc);
        var pages = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        String today = LocalDate.now(ProgrammeCalendar.ZONE).toString();
        var form = new HashMap<>(Map.of(
                "behaviour",
                "EV_INSTEAD_OF_PETROL_CAR",
                "quantity",
                "30",
                "unit",
                "km",
                "date",
                today,
                "region",
                "CN-GD",
                "idempotencyKey",
                UUID.randomUUID().toString()));

        form.put("parameters[kWhPerKm]", "9");
        var impossible = pages.post("/record", form);
        assertThat(impossible.status()).isEqualTo(200);
        assertThat(impossible.body()).contains("must be between 0.05 and 0.6 kWh per km");

        form.remove("parameters[kWhPerKm]");
        form.put("idempotencyKey", UUID.randomUUID().toString());
        var withDefault = pages.post("/record", form);
        assertThat(withDefault.status()).isEqualTo(302);
        assertThat(withDefault.location()).contains("/account?credited=");

        form.put("parameters[kWhPerKm]", "0.15");
        form.put("date", LocalDate.now(ProgrammeCalendar.ZONE).minusDays(1).toString());
        form.put("idempotencyKey", UUID.randomUUID().toString());
        var recorded = pages.post("/record", form);
        assertThat(recorded.status()).isEqualTo(302);
        assertThat(recorded.location()).contains("/account?credited=");
        assertThat(pages.get("/account").body()).contains("Factors of different gas bases");
    }
}
