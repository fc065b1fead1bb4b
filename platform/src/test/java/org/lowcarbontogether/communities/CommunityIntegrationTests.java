package org.lowcarbontogether.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import tools.jackson.databind.JsonNode;

/** Communities over the API: who may change them, joining, privacy, combined impact, retention and streaks. */
@IntegrationTest
class CommunityIntegrationTests extends OrganiserScenario {

    String create(Org org, String visibility) {
        var created = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"Green campus %s","description":"Students who cycle","kind":"CAMPUS",
                 "visibility":"%s"}""".formatted(org.id(), UUID.randomUUID(), visibility),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    void record(Person person, String behaviour, double quantity, String unit, OffsetDateTime when) {
        var response = api.post(
                "/api/v1/records",
                """
                {"behaviour":"%s","quantity":%s,"unit":"%s","occurredAt":"%s"}""".formatted(behaviour, quantity, unit, when),
                "Authorization",
                person.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    JsonNode community(String id) {
        return api.get("/api/v1/communities/" + id).json();
    }

    /** A minute past midnight (China Standard Time), so consecutive calls land on consecutive days whenever the test runs. */
    static OffsetDateTime daysAgo(int days) {
        return LocalDate.now(ZoneOffset.ofHours(8)).minusDays(days).atTime(0, 1).atOffset(ZoneOffset.ofHours(8));
    }

    @Test
    void onlyTheOrganisationsOrganisersCreateAndChangeACommunity() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Org other = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        Person participant = organisers.person();
        String id = create(ngo, "PUBLIC");
        String change = """
                {"name":"Renamed community","kind":"INTEREST","visibility":"PUBLIC"}""";

        assertThat(api.put(
                                "/api/v1/communities/" + id,
                                change,
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .as("another organisation's organiser")
                .isEqualTo(403);
        assertThat(api.put("/api/v1/communities/" + id, change, "Authorization", participant.bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/communities",
                                """
                {"organisationId":"%s","name":"Hijack","kind":"CAMPUS","visibility":"PUBLIC"}""".formatted(ngo.id()),
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.get(
                                "/api/v1/communities/" + id + "/members",
                                "Authorization",
                                other.organiser().bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.put(
                                "/api/v1/communities/" + UUID.randomUUID(),
                                change,
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(404);

        var renamed = api.put(
                "/api/v1/communities/" + id,
                change,
                "Authorization",
                ngo.organiser().bearer());
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(community(id).get("community").get("name").asString()).isEqualTo("Renamed community");
    }

    @Test
    void badInputNamesEveryOffendingField() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        var refused = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"x","kind":"PHYSICAL_SITE","visibility":"SECRET","latitude":23.1}""".formatted(ngo.id()),
                "Authorization",
                ngo.organiser().bearer());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("name", "visibility", "address", "longitude");
    }

    @Test
    void membersAreCountedFromTheDayTheyJoinAndNamedOnlyIfTheyAllowIt() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String id = create(ngo, "PUBLIC");
        Person mei = organisers.person();
        Person outsider = organisers.person();
        assertThat(api.post("/api/v1/communities/" + id + "/members", "", "Authorization", mei.bearer())
                        .status())
                .isEqualTo(204);

        record(
                mei,
                "METRO_INSTEAD_OF_CAR",
                10,
                "km",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(5).withNano(0));
        record(
                outsider,
                "METRO_INSTEAD_OF_CAR",
                10,
                "km",
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(5).withNano(0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> community(id).get("metrics").get("behaviours").asLong() == 1);
        var metrics = community(id).get("metrics");
        long credited = jdbc.sql("select sum(reduction_grams) from activity_record where user_id = :u")
                .param("u", mei.id())
                .query(Long.class)
                .single();
        assertThat(metrics.get("grams").asLong())
                .as("only the member's behaviour")
                .isEqualTo(credited);
        assertThat(metrics.get("participants").asLong()).isEqualTo(1);
        assertThat(metrics.get("active7").asLong()).isEqualTo(1);

        var feed = api.get("/api/v1/communities/" + id + "/feed").json();
        assertThat(feed.get(0).get("name").isNull()).as("private by default").isTrue();
        assertThat(api.put(
                                "/api/v1/communities/" + id + "/members/me/privacy",
                                "{\"showInFeed\":true}",
                                "Authorization",
                                mei.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/communities/" + id + "/feed")
                        .json()
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("Test person");

        assertThat(api.delete("/api/v1/communities/" + id + "/members/me", "Authorization", mei.bearer())
                        .status())
                .isEqualTo(204);
        assertThat(community(id).get("metrics").get("participants").asLong()).isZero();
        assertThat(community(id).get("metrics").get("everJoined").asLong()).isEqualTo(1);
    }

    @Test
    void aMembersOnlyFeedIsHiddenFromEveryoneElse() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String id = create(ngo, "MEMBERS");
        Person member = organisers.person();
        Person stranger = organisers.person();
        var asked = api.post("/api/v1/communities/" + id + "/members", "", "Authorization", member.bearer());
        assertThat(asked.status())
                .as("a members-only community admits by an organiser's approval")
                .isEqualTo(202);
        assertThat(asked.json().get("outcome").asString()).isEqualTo("REQUESTED");
        assertThat(api.get("/api/v1/communities/" + id + "/feed", "Authorization", member.bearer())
                        .status())
                .as("asking is not belonging")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/communities/" + id + "/join-requests", "Authorization", stranger.bearer())
                        .status())
                .isEqualTo(403);
        var waiting = api.get(
                "/api/v1/communities/" + id + "/join-requests",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(waiting.json().get(0).get("userId").asString())
                .isEqualTo(member.id().toString());
        assertThat(waiting.body()).doesNotContain("@example.org");
        assertThat(api.post(
                                "/api/v1/communities/" + id + "/join-requests/" + member.id() + "/approval",
                                "",
                                "Authorization",
                                member.bearer())
                        .status())
                .as("nobody admits themselves")
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/communities/" + id + "/join-requests/" + member.id() + "/approval",
                                "",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(204);
        api.post("/api/v1/communities/" + id + "/members", "", "Authorization", stranger.bearer());
        assertThat(api.post(
                                "/api/v1/communities/" + id + "/join-requests/" + stranger.id() + "/refusal",
                                "",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/communities/" + id + "/feed").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/communities/" + id + "/feed", "Authorization", stranger.bearer())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/communities/" + id + "/feed", "Authorization", member.bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get(
                                "/api/v1/communities/" + id + "/feed",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/communities/" + id).status())
                .as("the page and its totals stay public")
                .isEqualTo(200);
    }

    @Test
    void retentionAndStreaksFollowTheirDefinitions() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        String id = create(ngo, "PUBLIC");
        Person longTime = organisers.person();
        Person newcomer = organisers.person();
        api.post("/api/v1/communities/" + id + "/members", "", "Authorization", longTime.bearer());
        api.post("/api/v1/communities/" + id + "/members", "", "Authorization", newcomer.bearer());
        // The long-time member joined 40 days ago (set directly: the API joins today).
        jdbc.sql("update participant set joined_at = :at where scope_id = :id and user_id = :user")
                .param("at", Timestamp.from(Instant.now().minus(Duration.ofDays(40))))
                .param("id", UUID.fromString(id))
                .param("user", longTime.id())
                .update();

        for (int day = 2; day >= 0; day--) {
            record(longTime, "BUS_INSTEAD_OF_CAR", 5, "km", daysAgo(day));
        }
        record(newcomer, "BUS_INSTEAD_OF_CAR", 5, "km", daysAgo(0));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> community(id).get("metrics").get("behaviours").asLong() == 4);
        var metrics = community(id).get("metrics");
        assertThat(metrics.get("streaks").get("longestCurrent").asInt()).isEqualTo(3);
        assertThat(metrics.get("streaks").get("onStreak").asLong())
                .as("streaks of two days or more")
                .isEqualTo(1);
        assertThat(metrics.get("retained30").get("cohort").asLong())
                .as("only the member who joined 30+ days ago")
                .isEqualTo(1);
        assertThat(metrics.get("retained30").get("retained").asLong()).isEqualTo(1);
        assertThat(metrics.get("retained90").get("cohort").asLong()).isZero();
    }
}
