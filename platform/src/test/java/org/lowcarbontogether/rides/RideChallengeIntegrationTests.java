package org.lowcarbontogether.rides;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A ride challenge counts the credited rides of its group's current members started in its period, from their status
 * now (a reversed ride leaves it); organisers alone set it, and a members-only group's challenges are unknown outside.
 */
@IntegrationTest
class RideChallengeIntegrationTests extends OrganiserScenario {

    @Autowired
    Rides rides;

    @Autowired
    RideMap map;

    @Autowired
    Communities communities;

    UUID community(Org org, String visibility) {
        var created = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"Riding campus %s","description":"Students who cycle","kind":"CAMPUS",
                 "visibility":"%s"}""".formatted(org.id(), UUID.randomUUID(), visibility),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    Rides.RideView ride(AuthenticatedUser rider, double[] at, Instant start) {
        var outcome = rides.importInTransaction(
                rider.id(),
                new Rides.Upload("r.gpx", RideFiles.gpx(RideFiles.route(at[0], at[1], start, 16, 900, 5))),
                new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));
        var ride = Objects.requireNonNull(outcome.ride(), () -> String.valueOf(outcome.refusal()));
        assertThat(ride.status()).isEqualTo(Rides.Status.CREDITED);
        return ride;
    }

    ApiClient.Response challenge(Org org, UUID community, String starts, String ends, String measure, long goal) {
        return api.post(
                "/api/v1/rides/challenges",
                """
                {"community":"%s","title":"骑车上课 Ride to class","startsOn":"%s","endsOn":"%s","measure":"%s",
                 "goal":%d}""".formatted(community, starts, ends, measure, goal),
                "Authorization",
                org.organiser().bearer());
    }

    /** km to one decimal, rounded down, of a sum of metres: what the challenge shows. */
    static String km(long metres) {
        return String.valueOf(metres / 100 / 10.0);
    }

    @Test
    void progressCountsCreditedRidesOfMembersInThePeriodAndAReversedRideLeavesIt() throws InterruptedException {
        var org = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        UUID campus = community(org, "PUBLIC");
        double[] at = GroupRideMapIntegrationTests.somewhere();
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        LocalDate day = ProgrammeCalendar.dayOf(start);

        // Ten members ride in the period; the first also rode five days before it and rides once more in it.
        var members = new ArrayList<AuthenticatedUser>();
        long metres = 0;
        for (int i = 0; i < 10; i++) {
            var rider = AccountFixtures.person(registration, jdbc);
            communities.join(rider, campus);
            members.add(rider);
            metres += ride(rider, at, start.plusSeconds(i)).distanceMetres();
        }
        ride(members.getFirst(), at, start.minus(5, ChronoUnit.DAYS));
        var extra = ride(members.getFirst(), at, start.plus(1, ChronoUnit.HOURS));
        // Someone who is not a member rides in the period too.
        ride(AccountFixtures.person(registration, jdbc), at, start.plusSeconds(30));

        var created = challenge(
                org, campus, day.minusDays(1).toString(), day.plusDays(6).toString(), "DISTANCE", 100);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();

        var progress = api.get("/api/v1/rides/challenges/" + id);
        assertThat(progress.status()).as(progress.body()).isEqualTo(200);
        // A 15-minute ride at 16 km/h is about 4 km: eleven such rides are about 44 km of the goal of 100.
        assertThat(extra.distanceMetres()).isBetween(3800, 4200);
        assertThat(progress.json().get("rides").asLong()).isEqualTo(11);
        assertThat(progress.json().get("km").asString()).isEqualTo(km(metres + extra.distanceMetres()));
        assertThat(progress.json().get("reached").asString()).isEqualTo(km(metres + extra.distanceMetres()));
        assertThat(progress.json().get("percent").asInt())
                .isEqualTo((int) ((metres + extra.distanceMetres()) / 1000 * 100 / 100))
                .isBetween(40, 47);
        assertThat(progress.json().get("riders").asLong()).isEqualTo(10);
        String cell = Long.toHexString(map.cell(at[0], at[1]));
        var shown = progress.json().get("map").get("features");
        assertThat(shown.findValuesAsString("h3")).contains(cell);
        shown.forEach(f -> assertThat(f.get("properties").get("riders").asInt()).isIn(10, 15));
        assertThat(progress.body()).doesNotContain(members.getFirst().id().toString());

        // The page shows the total, the bar and the riders, in both languages; the group's map links to it.
        var page = api.get("/rides/challenges/" + id + "?lang=en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Ride to class")
                .contains(km(metres + extra.distanceMetres()) + " of 100 km")
                .contains("<progress")
                .contains("10 riders took part")
                .doesNotContain("challenge-edit");
        assertThat(api.get("/rides/challenges/" + id + "?lang=zh-CN").body()).contains("位骑行者参与");
        assertThat(api.get("/rides/map?lang=en&community=" + campus).body())
                .contains("/rides/challenges?community=" + campus);
        assertThat(api.get("/rides/challenges?lang=en&community=" + campus).body())
                .contains("/rides/challenges/" + id);

        // The extra ride is withdrawn: it stops counting, and the progress is the ten rides' again.
        String bearer = ApiClient.bearer(api.token(members.getFirst().email(), AccountFixtures.PASSWORD));
        assertThat(api.post(
                                "/api/v1/records/" + Objects.requireNonNull(extra.recordId()) + "/reversal",
                                "{\"note\":\"uploaded by mistake\"}",
                                "Authorization",
                                bearer)
                        .status())
                .isEqualTo(200);
        JsonNode after = null;
        for (int i = 0; i < 100; i++) {
            after = api.get("/api/v1/rides/challenges/" + id).json();
            if (after.get("rides").asLong() == 10) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(Objects.requireNonNull(after).get("rides").asLong()).isEqualTo(10);
        assertThat(after.get("km").asString()).isEqualTo(km(metres));

        // A period before the rides counts nothing, and a goal in rides counts rides.
        var before = challenge(
                org, campus, day.minusDays(30).toString(), day.minusDays(20).toString(), "RIDES", 5);
        var none = api.get("/api/v1/rides/challenges/" + before.json().get("id").asString());
        assertThat(none.json().get("rides").asLong()).isZero();
        assertThat(none.json().get("riders").isNull()).isTrue();
        assertThat(api.get("/rides/challenges/" + before.json().get("id").asString() + "?lang=en")
                        .body())
                .contains("Fewer than 10 riders took part");
    }

    @Test
    void onlyOrganisersSetChallengesAndAMembersOnlyGroupsAreUnknownOutside() {
        var org = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        UUID open = community(org, "PUBLIC");
        var member = organisers.person();
        communities.join(member.user(), open);
        String today = LocalDate.now(ProgrammeCalendar.ZONE).toString();
        String nextMonth = LocalDate.now(ProgrammeCalendar.ZONE).plusMonths(1).toString();
        String body = """
                {"community":"%s","title":"Ride","startsOn":"%s","endsOn":"%s","measure":"RIDES","goal":50}""".formatted(open, today, nextMonth);

        var refused = api.post("/api/v1/rides/challenges", body, "Authorization", member.bearer());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/problems/ride-challenge-organisers-only");
        var created = api.post(
                "/api/v1/rides/challenges",
                body,
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(api.put("/api/v1/rides/challenges/" + id, body, "Authorization", member.bearer())
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/rides/challenges/" + id, "Authorization", member.bearer())
                        .status())
                .isEqualTo(403);
        var changed = api.put(
                "/api/v1/rides/challenges/" + id,
                body.replace("\"goal\":50", "\"goal\":80"),
                "Authorization",
                org.organiser().bearer());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("goal").asLong()).isEqualTo(80);
        var organising = new org.lowcarbontogether.WebSession(port)
                .signIn(org.organiser().user().email(), AccountFixtures.PASSWORD);
        assertThat(organising.get("/rides/challenges/" + id, "en").body())
                .contains("challenge-edit")
                .contains("0 of 80 rides");
        assertThat(api.delete(
                                "/api/v1/rides/challenges/" + id,
                                "Authorization",
                                org.organiser().bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/rides/challenges/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("select action from audit_entry where target_id = :id order by id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .list())
                .containsExactly("ride-challenge-set", "ride-challenge-changed", "ride-challenge-deleted");

        // A members-only community's challenges: for its members and organisers; 404 to everyone else.
        UUID closed = community(org, "MEMBERS");
        var hidden = api.post(
                "/api/v1/rides/challenges",
                body.replace(open.toString(), closed.toString()),
                "Authorization",
                org.organiser().bearer());
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(201);
        String hiddenId = hidden.json().get("id").asString();
        var outsider = organisers.person();
        assertThat(api.get("/api/v1/rides/challenges/" + hiddenId).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/rides/challenges/" + hiddenId, "Authorization", outsider.bearer())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/rides/challenges?community=" + closed).status())
                .isEqualTo(404);
        assertThat(api.get("/rides/challenges/" + hiddenId).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/rides/challenges/" + hiddenId, body, "Authorization", outsider.bearer())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/v1/rides/challenges/" + hiddenId,
                                "Authorization",
                                org.organiser().bearer())
                        .status())
                .isEqualTo(200);
        var list = api.get(
                "/api/v1/rides/challenges?community=" + closed,
                "Authorization",
                org.organiser().bearer());
        assertThat(list.json().get("challenges").findValuesAsString("id")).containsExactly(hiddenId);

        // Organisers delete on the page too, and come back to the group's list.
        var deleted = organising.post(
                "/rides/challenges/" + hiddenId + "/delete", java.util.Map.of(), "/rides/challenges/" + hiddenId);
        assertThat(deleted.location()).contains("/rides/challenges?community=" + closed);
        assertThat(api.get(
                                "/api/v1/rides/challenges/" + hiddenId,
                                "Authorization",
                                org.organiser().bearer())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void invalidChallengesGetFieldErrors() {
        var org = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        UUID campus = community(org, "PUBLIC");
        var endBeforeStart = challenge(org, campus, "2026-06-10", "2026-06-01", "DISTANCE", 0);
        assertThat(endBeforeStart.status()).isEqualTo(400);
        assertThat(endBeforeStart.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(endBeforeStart.json()))
                .containsExactlyInAnyOrder(
                        "endsOn:The last day cannot come before the first.",
                        "goal:The goal is a whole number from 1 to 10,000,000.");
        var tooLong = challenge(org, campus, "2026-01-01", "2027-01-02", "RIDES", -3);
        assertThat(fields(tooLong.json()))
                .containsExactlyInAnyOrder(
                        "endsOn:A challenge lasts at most a year.",
                        "goal:The goal is a whole number from 1 to 10,000,000.");
        assertThat(challenge(org, campus, "2026-01-01", "2027-01-01", "RIDES", 3)
                        .status())
                .as("a year to the day is allowed")
                .isEqualTo(201);
        var empty = api.post(
                "/api/v1/rides/challenges",
                "{\"community\":\"" + campus + "\",\"title\":\"  \",\"measure\":\"MILES\"}",
                "Authorization",
                org.organiser().bearer());
        assertThat(fields(empty.json()))
                .containsExactlyInAnyOrder(
                        "title:Give the challenge a title.",
                        "startsOn:Choose the challenge's first day.",
                        "endsOn:Choose the challenge's last day.",
                        "measure:Choose kilometres or rides.",
                        "goal:The goal is a whole number from 1 to 10,000,000.");

        // The page shows the same errors by their fields.
        var organiser = new org.lowcarbontogether.WebSession(port)
                .signIn(org.organiser().user().email(), AccountFixtures.PASSWORD);
        var page = organiser.post(
                "/rides/challenges",
                java.util.Map.of(
                        "community",
                        campus.toString(),
                        "title",
                        "Spring rides",
                        "startsOn",
                        "2026-06-10",
                        "endsOn",
                        "2026-06-01",
                        "measure",
                        "DISTANCE",
                        "goal",
                        "0"),
                "/rides/challenges?community=" + campus);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("The last day cannot come before the first.")
                .contains("The goal is a whole number from 1 to");
    }

    static List<String> fields(JsonNode problem) {
        var fields = new ArrayList<String>();
        problem.get("errors")
                .forEach(e -> fields.add(
                        e.get("field").asString() + ":" + e.get("message").asString()));
        return fields;
    }
}
