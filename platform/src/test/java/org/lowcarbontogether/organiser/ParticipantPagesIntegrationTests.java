package org.lowcarbontogether.organiser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;

/** The participant's side of communities, events, campaigns and stories as pages, in both languages. */
@IntegrationTest
class ParticipantPagesIntegrationTests extends OrganiserScenario {

    Org ngo;
    Person participant;
    WebSession web;

    @BeforeEach
    void setUp() {
        ngo = organisers.organisation(Organisations.Kind.NGO);
        participant = organisers.person();
        web = new WebSession(port).signIn(participant.user().email(), AccountFixtures.PASSWORD);
    }

    @Test
    void myAccountSaysHowManyOrganisationsInviteMe() {
        for (var org : java.util.List.of(ngo, organisers.organisation(Organisations.Kind.NGO))) {
            var invited = api.post(
                    "/api/v1/organisations/" + org.id() + "/members",
                    "{\"email\":\"" + participant.user().email() + "\",\"role\":\"MEMBER\"}",
                    "Authorization",
                    org.organiser().bearer());
            assertThat(invited.json().get("invited").asBoolean())
                    .as(invited.body())
                    .isTrue();
        }
        assertThat(web.get("/account").body()).contains("2 organisations invite you to join");
    }

    @Test
    void joiningACommunityAndAllowingTheFeedToShowMyName() {
        String community = api.post(
                        "/api/v1/communities",
                        """
                {"organisationId":"%s","name":"Maple street","kind":"NEIGHBOURHOOD","visibility":"MEMBERS"}""".formatted(ngo.id()),
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("id")
                .asString();

        assertThat(web.get("/communities/" + community).body()).contains("id=\"join\"", "Only members see");
        assertThat(web.post("/communities/" + community + "/join", Map.of()).status())
                .isEqualTo(302);
        assertThat(web.get("/communities/" + community).body())
                .as("a members-only community asks an organiser")
                .contains("id=\"join-asked\"")
                .doesNotContain("id=\"leave\"");
        var organiser = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(organiser.get("/communities/" + community).body())
                .contains("id=\"request-" + participant.id() + "\"");
        assertThat(organiser
                        .post(
                                "/communities/" + community + "/join-requests/" + participant.id(),
                                Map.of("approve", "true"))
                        .status())
                .isEqualTo(302);
        assertThat(web.post("/communities/" + community + "/privacy", Map.of("showInFeed", "true"))
                        .status())
                .isEqualTo(302);
        var page = web.get("/communities/" + community);
        assertThat(page.body()).contains("id=\"leave\"", "checked", "Recent behaviours");
        assertThat(new ApiClient(port)
                        .get("/communities/" + community + "?lang=zh-CN")
                        .body())
                .contains("此社区的动态仅成员可见");
    }

    @Test
    void theQrLinkChecksTheSignedInParticipantIn() {
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        String event = api.post(
                        "/api/v1/events",
                        """
                {"organisationId":"%s","title":"Clothes swap","kind":"CLOTHES_SWAP","place":"Hall","startsAt":"%s","endsAt":"%s"}""".formatted(ngo.id(), now.minusMinutes(5), now.plusHours(2)),
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("id")
                .asString();
        String url = api.get(
                        "/api/v1/events/" + event + "/check-in-link",
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("url")
                .asString();
        String path = url.substring(url.indexOf("/events/"));

        assertThat(new ApiClient(port).get(path).status())
                .as("signed out: to the sign-in page first")
                .isEqualTo(302);
        assertThat(web.get(path).body())
                .as("not registered: the organiser is needed")
                .contains("id=\"check-in-problem\"", "Only registered participants");
        assertThat(web.post("/events/" + event + "/register", Map.of()).status())
                .isEqualTo(302);
        assertThat(web.get(path).body())
                .as("a poster code only notes the check-in")
                .contains("id=\"check-in-result\"", "An organiser will confirm");
        assertThat(web.get(path.replaceAll("code=.*", "code=forged")).body()).contains("id=\"check-in-problem\"");
        assertThat(web.get("/events/" + event).body()).contains("id=\"awaiting-note\"");
        assertThat(api.post(
                                "/api/v1/events/" + event + "/check-ins/confirmations",
                                "{}",
                                "Authorization",
                                ngo.organiser().bearer())
                        .json()
                        .get("confirmed")
                        .asInt())
                .isEqualTo(1);
        assertThat(web.get("/events/" + event).body()).contains("id=\"checked-in-note\"");
    }

    @Test
    void aStoryWrittenOnThePageWaitsForModerationThenCountsItsViews() {
        var submitted = web.post(
                "/stories/new", Map.of("title", "Bring your own cup", "body", "Twenty cups saved this month."));
        assertThat(submitted.status()).isEqualTo(302);
        String story = submitted.location().replaceAll(".*/stories/([0-9a-f-]+).*", "$1");
        assertThat(web.get("/stories/mine").body()).contains("Bring your own cup", "Waiting for moderation");
        assertThat(new ApiClient(port).get("/stories/" + story).status()).isEqualTo(404);
        var tooShort = web.post("/stories/new", Map.of("title", "x", "body", "y"));
        assertThat(tooShort.status()).isEqualTo(200);
        assertThat(tooShort.body())
                .contains("Use between 3 and 140 characters.", "Use between 10 and 10,000 characters.");

        var reviewer = organisers.person(org.lowcarbontogether.shared.Role.REVIEWER);
        var moderator = new WebSession(port).signIn(reviewer.user().email(), AccountFixtures.PASSWORD);
        assertThat(moderator.get("/stories/moderation").body()).contains("Bring your own cup");
        assertThat(moderator
                        .post("/stories/" + story + "/decision", Map.of("decision", "publish"))
                        .status())
                .isEqualTo(302);

        var script = new ApiClient(port);
        assertThat(script.get("/stories/" + story).body())
                .as("a script is not a reader")
                .contains("0 views");
        assertThat(web.get("/stories/" + story).body())
                .as("a signed-in reader counts")
                .contains("1 views");
        var visitor = new ApiClient(port);
        assertThat(visitor.get("/stories").body()).contains("Bring your own cup");
    }

    @Test
    void aCampaignPageShowsGoalsAndLeaderboardsAndLetsAParticipantJoinInATeam() {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        String campaign = api.post(
                        "/api/v1/campaigns",
                        """
                {"organisationId":"%s","name":"Clean plate month","template":"CLEAN_PLATE","behaviours":["CLEAN_PLATE"],
                 "startsOn":"%s","endsOn":"%s","goalParticipants":50}""".formatted(ngo.id(), today, today.plusDays(29)),
                        "Authorization",
                        ngo.organiser().bearer())
                .json()
                .get("id")
                .asString();

        assertThat(web.post("/campaigns/" + campaign + "/join", Map.of("newTeam", "Dorm 5", "showName", "true"))
                        .status())
                .isEqualTo(302);
        var page = web.get("/campaigns/" + campaign);
        assertThat(page.body()).contains("You take part", "id=\"goal-participants\"", "1 / 50");
        assertThat(api.get("/api/v1/campaigns/" + campaign + "/teams")
                        .json()
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("Dorm 5");
        assertThat(new ApiClient(port)
                        .get("/campaigns/" + campaign + "?lang=zh-CN")
                        .body())
                .contains("排行榜");
    }
}
