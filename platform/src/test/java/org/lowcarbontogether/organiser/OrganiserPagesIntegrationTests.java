package org.lowcarbontogether.organiser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;

/**
 * Every organiser page — forms, dashboards, exports, QR code, attendance — for a community, a campaign and an event:
 * their own organisation's organiser gets it; another organisation's organiser and a participant never do.
 */
@IntegrationTest
class OrganiserPagesIntegrationTests extends OrganiserScenario {

    Org ngo;
    String community;
    String campaign;
    String event;

    @BeforeEach
    void setUp() {
        ngo = organisers.organisation(Organisations.Kind.NGO);
        String auth = ngo.organiser().bearer();
        community = api.post("/api/v1/communities", """
                {"organisationId":"%s","name":"Riverside","kind":"PHYSICAL_SITE","visibility":"PUBLIC","address":"1 River Road",
                 "latitude":23.129,"longitude":113.264}""".formatted(ngo.id()), "Authorization", auth)
                .json()
                .get("id")
                .asString();
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        campaign = api.post(
                        "/api/v1/campaigns", """
                {"organisationId":"%s","name":"Bus week","template":"CAR_FREE_WEEK","behaviours":["BUS_INSTEAD_OF_CAR"],
                 "startsOn":"%s","endsOn":"%s","goalBehaviours":10}""".formatted(ngo.id(), today, today.plusDays(6)), "Authorization", auth)
                .json()
                .get("id")
                .asString();
        var now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        event = api.post(
                        "/api/v1/events",
                        """
                {"organisationId":"%s","communityId":"%s","title":"Repair café","kind":"REPAIR_CAFE","place":"Hall",
                 "startsAt":"%s","endsAt":"%s"}""".formatted(ngo.id(), community, now.minusMinutes(10), now.plusHours(2)),
                        "Authorization",
                        auth)
                .json()
                .get("id")
                .asString();
    }

    List<String> organiserPages() {
        return List.of(
                "/organisations/" + ngo.id() + "/members",
                "/communities/" + community + "/edit",
                "/organiser/communities/" + community,
                "/organiser/communities/" + community + "/daily.csv",
                "/organiser/communities/" + community + "/members.csv",
                "/organiser/communities/" + community + "/announcements",
                "/campaigns/" + campaign + "/edit",
                "/organiser/campaigns/" + campaign,
                "/organiser/campaigns/" + campaign + "/daily.csv",
                "/organiser/campaigns/" + campaign + "/members.csv",
                "/organiser/campaigns/" + campaign + "/announcements",
                "/events/" + event + "/edit",
                "/events/" + event + "/poster",
                "/events/" + event + "/qr.png",
                "/events/" + event + "/attendance",
                "/events/" + event + "/attendance.csv",
                "/organiser/events/" + event);
    }

    WebSession signedIn(Person person) {
        return new WebSession(port).signIn(person.user().email(), AccountFixtures.PASSWORD);
    }

    @Test
    void theOrganisationsOrganiserOpensEveryOrganiserPage() {
        var web = signedIn(ngo.organiser());
        for (String path : organiserPages()) {
            assertThat(web.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(web.get("/organiser").body()).contains("Riverside", "Bus week", "Repair café");
    }

    @Test
    void anotherOrganisationsOrganiserAndAParticipantAreRefusedEveryOrganiserPage() {
        Org other = organisers.organisation(Organisations.Kind.EMPLOYER);
        for (var person : List.of(other.organiser(), organisers.person())) {
            var web = signedIn(person);
            for (String path : organiserPages()) {
                assertThat(web.get(path).status()).as(path).isEqualTo(403);
            }
            for (var form : Map.of(
                            "/communities/" + community + "/edit",
                            Map.of("name", "Taken", "kind", "CAMPUS", "visibility", "PUBLIC"),
                            "/events/" + event + "/attendance",
                            Map.of("email", person.user().email()),
                            "/campaigns/" + campaign + "/edit",
                            Map.of("name", "Taken"),
                            "/organiser/communities/" + community + "/announcements",
                            Map.of("title", "Not mine", "body", "Nobody should receive this."))
                    .entrySet()) {
                assertThat(web.post(form.getKey(), form.getValue()).status())
                        .as(form.getKey())
                        .isEqualTo(403);
            }
            assertThat(web.get("/organiser/communities/" + UUID.randomUUID()).status())
                    .isEqualTo(404);
        }
        assertThat(api.get("/api/v1/communities/" + community)
                        .json()
                        .get("community")
                        .get("name")
                        .asString())
                .isEqualTo("Riverside");
    }

    @Test
    void theDashboardAndItsExportShowWhatMembersDid() {
        Person member = organisers.person();
        api.post("/api/v1/communities/" + community + "/members", "", "Authorization", member.bearer());
        api.post(
                "/api/v1/records",
                """
                {"behaviour":"BUS_INSTEAD_OF_CAR","quantity":7,"unit":"km","occurredAt":"%s"}""".formatted(OffsetDateTime.now(ZoneOffset.ofHours(8))
                        .minusMinutes(2)
                        .withNano(0)),
                "Authorization",
                member.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        long grams = jdbc.sql("select reduction_grams from activity_record where user_id = :u")
                .param("u", member.id())
                .query(Long.class)
                .single();
        var web = signedIn(ngo.organiser());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> web.get("/organiser/communities/" + community + "/members.csv")
                        .body()
                        .contains(",1," + grams + ","));
        var csv = web.get("/organiser/communities/" + community + "/daily.csv");
        assertThat(csv.raw().headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment");
        assertThat(csv.body())
                .startsWith("day,behaviours,reduction_grams,active_participants")
                .contains(LocalDate.now(ZoneOffset.ofHours(8)) + ",1," + grams + ",1");
        var dashboard = web.get("/organiser/communities/" + community);
        assertThat(dashboard.body()).contains("id=\"dash-behaviours\">1<", "id=\"group-chart\"");
        assertThat(web.get("/communities/" + community).body())
                .as("the public page has its map")
                .contains("data-markers");
    }

    @Test
    void anEventWithItsUnitLeftEmptyTakesTheBehavioursOwnUnit() {
        var web = new WebSession(port).signIn(ngo.organiser().user().email(), AccountFixtures.PASSWORD);
        var start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withNano(0);
        var created = web.post(
                "/events/new",
                Map.of(
                        "organisationId",
                        ngo.id().toString(),
                        "title",
                        "Repair café",
                        "kind",
                        "REPAIR_CAFE",
                        "place",
                        "Library",
                        "startsAt",
                        start.toLocalDateTime().toString(),
                        "endsAt",
                        start.plusHours(2).toLocalDateTime().toString(),
                        "behaviour",
                        "REPAIR_INSTEAD_OF_REPLACE",
                        "quantity",
                        "2",
                        "unit",
                        ""));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String event = created.location().substring(created.location().lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select unit from event where id = :id")
                        .param("id", UUID.fromString(event))
                        .query(String.class)
                        .single())
                .isEqualTo("kg");
    }
}
