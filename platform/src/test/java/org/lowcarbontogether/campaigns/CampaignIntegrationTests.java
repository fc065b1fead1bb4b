package org.lowcarbontogether.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import tools.jackson.databind.JsonNode;

/** Campaigns over the API: scope, goals and progress, fair leaderboards, teams, audience, and the Green Graduation hand-over. */
@IntegrationTest
class CampaignIntegrationTests extends OrganiserScenario {

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(8));
    }

    String campaign(Org org, String template, String behaviours, String extra) {
        var created = api.post(
                "/api/v1/campaigns",
                """
                {"organisationId":"%s","name":"Campaign %s","template":"%s","behaviours":[%s],"startsOn":"%s","endsOn":"%s"%s}""".formatted(
                                org.id(),
                                UUID.randomUUID(),
                                template,
                                behaviours,
                                today().minusDays(1),
                                today().plusDays(29),
                                extra),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    void record(Person person, String behaviour, double quantity, String unit) {
        var response = api.post(
                "/api/v1/records",
                """
                {"behaviour":"%s","quantity":%s,"unit":"%s","occurredAt":"%s"}""".formatted(
                                behaviour,
                                quantity,
                                unit,
                                OffsetDateTime.now(ZoneOffset.ofHours(8))
                                        .minusMinutes(3)
                                        .withNano(0)),
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    JsonNode progress(String id, Person viewer) {
        return api.get("/api/v1/campaigns/" + id + "/progress", "Authorization", viewer.bearer())
                .json();
    }

    @Test
    void onlyBehavioursInScopeCountTowardsTheGoalsAndTheLeaderboards() {
        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        String id = campaign(
                campus, "CYCLING_MONTH", "\"CYCLE_INSTEAD_OF_CAR\"", ",\"goalBehaviours\":4,\"goalParticipants\":2");
        Person rider = organisers.person();
        Person outsider = organisers.person();
        assertThat(api.post("/api/v1/campaigns/" + id + "/participants", "{}", "Authorization", rider.bearer())
                        .status())
                .isEqualTo(204);

        record(rider, "CYCLE_INSTEAD_OF_CAR", 6, "km");
        record(rider, "METRO_INSTEAD_OF_CAR", 12, "km");
        record(outsider, "CYCLE_INSTEAD_OF_CAR", 6, "km");

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        progress(id, rider).get("metrics").get("behaviours").asLong() == 1);
        var progress = progress(id, rider);
        assertThat(api.get("/api/v1/campaigns/" + id + "/progress").status())
                .as("a campaign of one is its people's")
                .isEqualTo(403);
        var goals = progress.get("goals");
        assertThat(goals.get(0).get("measure").asString()).isEqualTo("behaviours");
        assertThat(goals.get(0).get("reached").asLong()).isEqualTo(1);
        assertThat(goals.get(1).get("reached").asLong()).as("participants").isEqualTo(1);
        long cycled = jdbc.sql(
                        "select reduction_grams from activity_record where user_id = :u and behaviour = 'CYCLE_INSTEAD_OF_CAR'")
                .param("u", rider.id())
                .query(Long.class)
                .single();
        assertThat(progress.get("metrics").get("grams").asLong()).isEqualTo(cycled);

        var board = api.get("/api/v1/campaigns/" + id + "/leaderboard", "Authorization", rider.bearer())
                .json();
        assertThat(board.get("individuals")).hasSize(1);
        assertThat(board.get("individuals").get(0).get("name").asString())
                .as("the viewer sees their own name")
                .isEqualTo("Test person");
        Person viewer = organisers.person();
        api.post("/api/v1/campaigns/" + id + "/participants", "{}", "Authorization", viewer.bearer());
        assertThat(api.get("/api/v1/campaigns/" + id + "/leaderboard", "Authorization", viewer.bearer())
                        .json()
                        .get("individuals")
                        .valueStream()
                        .filter(i -> i.get("grams").asLong() > 0)
                        .findFirst()
                        .orElseThrow()
                        .get("name")
                        .isNull())
                .as("others do not, unless allowed")
                .isTrue();
    }

    @Test
    void smallTeamsAndSmallCommunitiesCanWin() {
        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        String id = campaign(campus, "CUSTOM", "\"BUS_INSTEAD_OF_CAR\"", "");
        // A community of one, fully taking part, against a community of three where one takes part.
        String small = community(campus);
        String large = community(campus);
        Person solo = organisers.person();
        Person a = organisers.person();
        Person b = organisers.person();
        Person c = organisers.person();
        join(small, solo);
        join(large, a);
        join(large, b);
        join(large, c);
        var team = api.post(
                "/api/v1/campaigns/" + id + "/teams", "{\"name\":\"Solo riders\"}", "Authorization", solo.bearer());
        assertThat(team.status()).isEqualTo(201);
        var big =
                api.post("/api/v1/campaigns/" + id + "/teams", "{\"name\":\"Big team\"}", "Authorization", a.bearer());
        api.post(
                "/api/v1/campaigns/" + id + "/participants",
                "{\"teamId\":\"" + big.json().get("id").asString() + "\"}",
                "Authorization",
                b.bearer());
        record(solo, "BUS_INSTEAD_OF_CAR", 10, "km");
        record(a, "BUS_INSTEAD_OF_CAR", 12, "km");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> progress(id, solo).get("metrics").get("behaviours").asLong() == 2);
        var board = api.get("/api/v1/campaigns/" + id + "/leaderboard", "Authorization", solo.bearer())
                .json();
        assertThat(board.get("teams").get(0).get("name").asString())
                .as("per member: 10 km alone beats 12 km shared by two")
                .isEqualTo("Solo riders");
        var communities = board.get("communities");
        assertThat(communities.get(0).get("communityId").asString()).isEqualTo(small);
        assertThat(communities.get(0).get("rate").asDouble()).isEqualTo(1.0);
        assertThat(communities.get(1).get("rate").asDouble()).isEqualTo(1.0 / 3);
    }

    @Test
    void aTeamHoldsTenAndACommunityCampaignOnlyItsMembers() {
        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        String community = community(campus);
        String id = campaign(campus, "CUSTOM", "", ",\"audienceCommunityId\":\"" + community + "\"");
        Person stranger = organisers.person();
        var refused = api.post("/api/v1/campaigns/" + id + "/participants", "{}", "Authorization", stranger.bearer());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).endsWith("campaign-audience");

        String open = campaign(campus, "CUSTOM", "", "");
        Person founder = organisers.person();
        String teamId = api.post(
                        "/api/v1/campaigns/" + open + "/teams", "{\"name\":\"Ten\"}", "Authorization", founder.bearer())
                .json()
                .get("id")
                .asString();
        for (int i = 0; i < 9; i++) {
            assertThat(api.post(
                                    "/api/v1/campaigns/" + open + "/participants",
                                    "{\"teamId\":\"" + teamId + "\"}",
                                    "Authorization",
                                    organisers.person().bearer())
                            .status())
                    .isEqualTo(204);
        }
        var eleventh = api.post(
                "/api/v1/campaigns/" + open + "/participants",
                "{\"teamId\":\"" + teamId + "\"}",
                "Authorization",
                organisers.person().bearer());
        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.json().get("type").asString()).endsWith("campaign-team-full");

        // Leaving leaves the team: a rejoin without naming one does not slip back into the full team.
        assertThat(api.delete("/api/v1/campaigns/" + open + "/participants/me", "Authorization", founder.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.post(
                                "/api/v1/campaigns/" + open + "/participants",
                                "{\"teamId\":\"" + teamId + "\"}",
                                "Authorization",
                                organisers.person().bearer())
                        .status())
                .as("the freed place")
                .isEqualTo(204);
        assertThat(api.post("/api/v1/campaigns/" + open + "/participants", "{}", "Authorization", founder.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/campaigns/" + open + "/teams")
                        .json()
                        .get(0)
                        .get("members")
                        .asLong())
                .isEqualTo(10);
    }

    @Test
    void onlyTheOrganisationsOrganisersChangeACampaignOrSeeItsMembers() {
        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        Org other = organisers.organisation(Organisations.Kind.NGO);
        String id = campaign(campus, "CUSTOM", "", "");
        String change = """
                {"name":"Taken over","startsOn":"%s","endsOn":"%s"}""".formatted(today(), today().plusDays(3));

        assertThat(api.put(
                                "/api/v1/campaigns/" + id,
                                change,
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.get(
                                "/api/v1/campaigns/" + id + "/members",
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.put(
                                "/api/v1/campaigns/" + id,
                                change,
                                "Authorization",
                                campus.organiser().bearer())
                        .status())
                .isEqualTo(200);
        var invalid = api.post(
                "/api/v1/campaigns",
                """
                {"organisationId":"%s","name":"Bad","template":"GREEN_GRADUATION","behaviours":["FLYING"],"startsOn":"%s","endsOn":"%s"}""".formatted(campus.id(), today(), today().minusDays(1)),
                "Authorization",
                campus.organiser().bearer());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("behaviours", "endsOn", "replacementRate");
    }

    @Test
    void aGreenGraduationHandOverCreditsTheGiverAndTheReceiverOnceTheReceiverConfirms() {
        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        String id = campaign(campus, "GREEN_GRADUATION", "", ",\"replacementRate\":0.6");
        Person graduate = organisers.person();
        Person junior = organisers.person();
        Person latecomer = organisers.person();
        for (Person p : new Person[] {graduate, junior, latecomer}) {
            api.post("/api/v1/campaigns/" + id + "/participants", "{}", "Authorization", p.bearer());
        }
        var item = api.post("/api/v1/campaigns/" + id + "/items", """
                {"category":"ELECTRONICS","title":"Laptop, 2021","weightKg":1.8}""", "Authorization", graduate.bearer());
        assertThat(item.status()).isEqualTo(201);
        String path =
                "/api/v1/campaigns/" + id + "/items/" + item.json().get("id").asString();

        assertThat(api.post(path + "/reservation", "", "Authorization", graduate.bearer())
                        .status())
                .as("own item")
                .isEqualTo(409);
        assertThat(api.post(path + "/reservation", "", "Authorization", junior.bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.post(path + "/reservation", "", "Authorization", latecomer.bearer())
                        .status())
                .as("taken")
                .isEqualTo(409);
        assertThat(api.post(path + "/handover", "", "Authorization", graduate.bearer())
                        .status())
                .as("receiver confirms")
                .isEqualTo(403);
        var confirmed = api.post(path + "/handover", "", "Authorization", junior.bearer());
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("HANDED_OVER");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !api.get("/api/v1/campaigns/" + id + "/items", "Authorization", junior.bearer())
                        .json()
                        .get(0)
                        .get("receiverCredit")
                        .isNull());
        var handed = api.get("/api/v1/campaigns/" + id + "/items", "Authorization", junior.bearer())
                .json()
                .get(0);
        assertThat(handed.get("giverCredit").asString()).isEqualTo("CREDITED");
        assertThat(handed.get("receiverCredit").asString()).isEqualTo("CREDITED");
        var giverRecord = jdbc.sql(
                        "select behaviour, parameters::text, external_ref from activity_record where user_id = :u")
                .param("u", graduate.id())
                .query()
                .singleRow();
        assertThat(giverRecord.get("behaviour")).isEqualTo("PASS_ON_ELECTRONICS");
        assertThat((String) giverRecord.get("parameters")).contains("0.6");
        var receiverRecord = jdbc.sql("select behaviour, channel from activity_record where user_id = :u")
                .param("u", junior.id())
                .query()
                .singleRow();
        assertThat(receiverRecord)
                .containsEntry("behaviour", "SECOND_HAND_ELECTRONICS")
                .containsEntry("channel", "HANDOVER");
        assertThat(api.post(path + "/handover", "", "Authorization", junior.bearer())
                        .status())
                .as("confirming again changes nothing")
                .isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from activity_record where external_ref like :ref")
                        .param("ref", "handover:" + item.json().get("id").asString() + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void furnitureIsHandedOverWithoutCreditBecauseTheMethodologyHasNoBehaviourForIt() {
        Org campus = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        String id = campaign(campus, "GREEN_GRADUATION", "", ",\"replacementRate\":0.5");
        Person graduate = organisers.person();
        Person junior = organisers.person();
        api.post("/api/v1/campaigns/" + id + "/participants", "{}", "Authorization", graduate.bearer());
        api.post("/api/v1/campaigns/" + id + "/participants", "{}", "Authorization", junior.bearer());
        String item = api.post("/api/v1/campaigns/" + id + "/items", """
                {"category":"FURNITURE","title":"Desk lamp","weightKg":2}""", "Authorization", graduate.bearer())
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/campaigns/" + id + "/items/" + item + "/reservation", "", "Authorization", junior.bearer());
        api.post("/api/v1/campaigns/" + id + "/items/" + item + "/handover", "", "Authorization", junior.bearer());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !api.get("/api/v1/campaigns/" + id + "/items", "Authorization", junior.bearer())
                        .json()
                        .get(0)
                        .get("giverCredit")
                        .isNull());
        var handed = api.get("/api/v1/campaigns/" + id + "/items", "Authorization", junior.bearer())
                .json()
                .get(0);
        assertThat(handed.get("giverCredit").asString()).isEqualTo("NO_BEHAVIOUR");
        assertThat(handed.get("giverGrams").isNull())
                .as("unknown is never zero")
                .isTrue();
    }

    String community(Org org) {
        return api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"Dorm %s","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(org.id(), UUID.randomUUID()),
                        "Authorization",
                        org.organiser().bearer())
                .json()
                .get("id")
                .asString();
    }

    void join(String community, Person person) {
        assertThat(api.post("/api/v1/communities/" + community + "/members", "", "Authorization", person.bearer())
                        .status())
                .isEqualTo(204);
    }
}
