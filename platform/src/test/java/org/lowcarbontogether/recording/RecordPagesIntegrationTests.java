package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The review queue, "my records" and statements through signed-in pages. */
@IntegrationTest
class RecordPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    Recording recording;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReviewerDecidesOnTheQueuePageAndTheParticipantSeesWhy() {
        var participant = AccountFixtures.person(registration, jdbc);
        var when = OffsetDateTime.now(ZoneOffset.UTC).minusHours(4);
        var walk = new RecordSubmission(
                "WALK_INSTEAD_OF_CAR", new BigDecimal("30"), "km", when, null, null, null, 90, null);
        var flagged = recording
                .submitInTransaction(participant.id(), UUID.randomUUID().toString(), walk, Recording.Channel.API)
                .receipt();
        assertThat(flagged.status()).isEqualTo(RecordStatus.FLAGGED);

        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        var reviewerPages = new WebSession(port).signIn(reviewer.email(), AccountFixtures.PASSWORD);
        var queue = reviewerPages.get("/review");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body())
                .contains("flagged-" + flagged.id())
                .contains("faster than this way of travelling allows");

        var decided = reviewerPages.post(
                "/review/" + participant.id() + "/" + flagged.id() + "/reject",
                Map.of("note", "30 km in 90 minutes is not walking"));
        assertThat(decided.status()).isEqualTo(302);
        assertThat(reviewerPages.get("/review").body()).doesNotContain("flagged-" + flagged.id());

        var mine = new WebSession(port).signIn(participant.email(), AccountFixtures.PASSWORD);
        var records = mine.get("/records");
        assertThat(records.body()).contains("not accepted").contains("30 km in 90 minutes is not walking");
        assertThat(mine.get("/review").status()).isEqualTo(403);
        var statement = mine.get("/account/statement?format=csv");
        assertThat(statement.status()).isEqualTo(200);
        assertThat(statement.body()).startsWith("account,sequence,entry_id");
    }

    @Test
    void anOrganiserSeesTheImportPage() {
        var organiser = AccountFixtures.person(registration, jdbc, Role.ORGANISER);
        var pages = new WebSession(port).signIn(organiser.email(), AccountFixtures.PASSWORD);
        var page = pages.get("/organiser/import");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Load an offline sheet");
    }
}
