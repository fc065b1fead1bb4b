package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ways one person could inflate a ledger, a leaderboard or the programme's public impact on the first round's build,
 * each tried again: every one must now be refused or held for a reviewer, and none may reach a 500.
 */
@IntegrationTest
class IntegrityAttacksIntegrationTests extends OrganiserScenario {

    @Autowired
    BatchIngest ingest;

    static String at() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusHours(1)
                .withNano(0)
                .toString();
    }

    ApiClient.Response record(Person person, String body) {
        return api.post(
                "/api/v1/records",
                body,
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    long grams(Person person) {
        return jdbc.sql("select coalesce(sum(grams), 0) from ledger_entry where user_id = :u")
                .param("u", person.id())
                .query(Long.class)
                .single();
    }

    @Test
    void aTinyCarOccupancyNoLongerMultipliesTheCredit() {
        Person walker = organisers.person();
        for (String occupancy : new String[] {"0.0001", "1e-12", "0"}) {
            var refused = record(walker, """
                    {"behaviour":"WALK_INSTEAD_OF_CAR","quantity":5,"unit":"km","occurredAt":"%s","region":"CN-GD",
                     "parameters":{"occupancy":%s}}""".formatted(at(), occupancy));
            assertThat(refused.status()).as(occupancy).isIn(400, 422);
            assertThat(refused.json().get("errors").findValuesAsString("field"))
                    .as(occupancy)
                    .contains("parameters.occupancy");
        }
        assertThat(grams(walker)).isZero();
        var honest = record(walker, """
                {"behaviour":"WALK_INSTEAD_OF_CAR","quantity":5,"unit":"km","occurredAt":"%s","region":"CN-GD"}""".formatted(at()));
        assertThat(honest.json().get("reductionGrams").asLong()).isEqualTo(836);
    }

    @Test
    void aMillionKilometresOfUsualDrivingIsRefusedAndAnUnusualValueWaitsForAReviewer() {
        Person driver = organisers.person();
        var absurd = record(driver, """
                {"behaviour":"CAR_FREE_DAY","quantity":1,"unit":"day","occurredAt":"%s","parameters":{"usualDailyKm":1000000}}""".formatted(at()));
        assertThat(absurd.status()).isEqualTo(422);
        assertThat(absurd.json().get("errors").get(0).get("message").asString()).contains("between 1 and 300");

        var unusual = record(driver, """
                {"behaviour":"CAR_FREE_DAY","quantity":1,"unit":"day","occurredAt":"%s","parameters":{"usualDailyKm":250}}""".formatted(at()));
        assertThat(unusual.status()).as("accepted, not credited").isEqualTo(202);
        assertThat(unusual.json().get("status").asString()).isEqualTo("FLAGGED");
        assertThat(unusual.json().get("reasons").valueStream().map(JsonNode::asString))
                .contains("PARAMETER_ATYPICAL", "RECORD_CEILING");
        assertThat(unusual.json().get("reductionGrams").asLong())
                .as("cut to the ceiling")
                .isEqualTo(11_000);
        assertThat(grams(driver)).as("held, not credited").isZero();
    }

    @Test
    void aSelfReportedGreenProductCreditsNothing() {
        Person buyer = organisers.person();
        long before =
                api.get("/api/v1/impact").json().get("directReductionGrams").asLong();
        var refused = record(buyer, """
                {"behaviour":"CERTIFIED_GREEN_PRODUCT","quantity":1,"unit":"item","occurredAt":"%s",
                 "parameters":{"footprintDifferenceKg":5000}}""".formatted(at()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .contains("behaviour", "parameters.footprintDifferenceKg");
        var claimed = record(buyer, """
                {"behaviour":"CERTIFIED_GREEN_PRODUCT","quantity":1,"unit":"item","occurredAt":"%s","evidence":"PHOTO"}""".formatted(at()));
        assertThat(claimed.status())
                .as("photo evidence cannot be claimed by typing it")
                .isEqualTo(422);
        assertThat(grams(buyer)).isZero();
        assertThat(api.get("/api/v1/impact").json().get("directReductionGrams").asLong())
                .isEqualTo(before);
    }

    @Test
    void absurdNumbersAreRefusedQuicklyAndNeverCrash() {
        Person person = organisers.person();
        for (String quantity : new String[] {"1e17", "1e308", "1e400", "1e-400"}) {
            long started = System.nanoTime();
            var preview = api.post("/api/v1/calculations", """
                    {"behaviour":"ELECTRICITY_SAVED","quantity":%s,"unit":"kWh","occurredAt":"2026-11-20"}""".formatted(quantity));
            assertThat(preview.status()).as(quantity).isBetween(400, 499);
            assertThat(preview.header("Content-Type")).startsWith("application/problem+json");
            assertThat(record(person, """
                    {"behaviour":"ELECTRICITY_SAVED","quantity":%s,"unit":"kWh","occurredAt":"%s"}""".formatted(quantity, at())).status())
                    .as(quantity)
                    .isBetween(400, 499);
            assertThat(api.get("/methodology/behaviours/ELECTRICITY_SAVED/calculate?version=1.2.0&quantity=" + quantity)
                            .status())
                    .as(quantity)
                    .isBetween(200, 499);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        for (String value : new String[] {"1e30", "1e-30"}) {
            assertThat(api.post("/api/v1/calculations", """
                    {"behaviour":"WALK_INSTEAD_OF_CAR","quantity":5,"unit":"km","occurredAt":"2026-11-20",
                     "parameters":{"occupancy":%s}}""".formatted(value)).status())
                    .as(value)
                    .isBetween(400, 499);
        }
        String batch = """
                {"key":"%s","behaviour":"ELECTRICITY_SAVED","quantity":1e400,"unit":"kWh","occurredAt":"%s"}
                {"key":"%s","behaviour":"ELECTRICITY_SAVED","quantity":3,"unit":"kWh","occurredAt":"%s"}
                """.formatted(UUID.randomUUID(), at(), UUID.randomUUID(), at());
        var results = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/records:batch"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batch))
                        .header("Content-Type", "application/x-ndjson"),
                "Authorization",
                person.bearer());
        assertThat(results.status()).as(results.body()).isEqualTo(200);
        assertThat(results.json()
                        .get("results")
                        .valueStream()
                        .map(r -> r.get("status").asString()))
                .containsExactly("INVALID", "CREDITED");
    }

    @Test
    void thePreviewRefusesWhatRecordingRefusesAndAnswersWhatItCannotKnow() {
        var unknown = api.post("/api/v1/calculations", """
                {"behaviour":"TELEPORT","quantity":1,"unit":"km","occurredAt":"2026-11-20"}""");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("behaviour");
        var aboveCap = api.post("/api/v1/calculations", """
                {"behaviour":"WALK_INSTEAD_OF_CAR","quantity":61,"unit":"km","occurredAt":"2026-11-20"}""");
        assertThat(aboveCap.status()).isEqualTo(422);
        var noFactor = api.post("/api/v1/calculations", """
                {"behaviour":"ELECTRICITY_SAVED","quantity":1,"unit":"kWh","occurredAt":"2015-01-01"}""");
        assertThat(noFactor.status()).isEqualTo(200);
        assertThat(noFactor.json().get("reason").asString()).isEqualTo("NO_FACTOR");
    }

    @Test
    void anOrganiserCannotEnrolAStrangerNorCreditThemselves() throws Exception {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person stranger = organisers.person();
        var invited = api.post(
                "/api/v1/organisations/" + ngo.id() + "/members",
                "{\"email\":\"" + stranger.user().email() + "\"}",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(invited.json().get("invited").asBoolean()).isTrue();
        String sheet = "email,key,behaviour,quantity,unit,occurred_at\n"
                + stranger.user().email() + ",row-1,DONATE_CLOTHES,2,kg," + at() + "\n"
                + ngo.organiser().user().email() + ",row-2,DONATE_CLOTHES,2,kg," + at() + "\n";
        var before = ingest.ingestOrganiserSheet(ngo.organiser().user(), ngo.id(), new StringReader(sheet));
        assertThat(before.results()).extracting(BatchResult.RowResult::status).containsExactly("INVALID", "INVALID");
        assertThat(grams(stranger)).isZero();
        assertThat(grams(ngo.organiser())).isZero();

        assertThat(api.get("/api/v1/account/invitations", "Authorization", stranger.bearer())
                        .json()
                        .get(0)
                        .get("organisationId")
                        .asString())
                .isEqualTo(ngo.id().toString());
        assertThat(api.post("/api/v1/account/invitations/" + ngo.id(), "", "Authorization", stranger.bearer())
                        .status())
                .isEqualTo(200);
        var after = ingest.ingestOrganiserSheet(
                ngo.organiser().user(), ngo.id(), new StringReader(sheet.replace("row-", "again-")));
        assertThat(after.results()).extracting(BatchResult.RowResult::status).containsExactly("FLAGGED", "INVALID");
        assertThat(after.results().getFirst().reasons()).contains("REVIEW_SAMPLE");

        assertThat(api.delete("/api/v1/organisations/" + ngo.id() + "/membership", "Authorization", stranger.bearer())
                        .status())
                .as("a member may always leave")
                .isEqualTo(204);
        var gone = ingest.ingestOrganiserSheet(
                ngo.organiser().user(), ngo.id(), new StringReader(sheet.replace("row-", "third-")));
        assertThat(gone.results().getFirst().status()).isEqualTo("INVALID");
    }
}
