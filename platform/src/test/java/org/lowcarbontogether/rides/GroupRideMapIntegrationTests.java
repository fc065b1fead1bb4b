package org.lowcarbontogether.rides;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
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

/** A community's riding map counts its current members only, hides cells of fewer than ten of them, and is private. */
@IntegrationTest
class GroupRideMapIntegrationTests extends OrganiserScenario {

    @Autowired
    Rides rides;

    @Autowired
    RideMap map;

    @Autowired
    Communities communities;

    String create(Org org, String visibility) {
        var created = api.post(
                "/api/v1/communities",
                """
                {"organisationId":"%s","name":"Cycling campus %s","description":"Students who cycle","kind":"CAMPUS",
                 "visibility":"%s"}""".formatted(org.id(), UUID.randomUUID(), visibility),
                "Authorization",
                org.organiser().bearer());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    AuthenticatedUser ride(double[] at, Instant start) {
        var rider = AccountFixtures.person(registration, jdbc);
        var outcome = rides.importInTransaction(
                rider.id(),
                new Rides.Upload("r.gpx", RideFiles.gpx(RideFiles.route(at[0], at[1], start, 16, 900, 5))),
                new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));
        assertThat(Objects.requireNonNull(outcome.ride()).status()).isEqualTo(Rides.Status.CREDITED);
        return rider;
    }

    static double[] somewhere() {
        var random = ThreadLocalRandom.current();
        return new double[] {random.nextDouble(23, 40), random.nextDouble(104, 121)};
    }

    static List<String> cells(JsonNode shown) {
        var cells = new ArrayList<String>();
        shown.get("features")
                .forEach(f -> cells.add(f.get("properties").get("h3").asString()));
        return cells;
    }

    @Test
    void twoGroupsDifferingByOneRiderShowTheSameCountsExceptAtABandsEdge() {
        var cell = new RideMap.Cell("89283082803ffff", List.of(), 12, 31);
        var withOneMore = new RideMap.Cell("89283082803ffff", List.of(), 13, 32);
        assertThat(GroupRideMaps.banded(List.of(cell)).getFirst().riders())
                .isEqualTo(GroupRideMaps.banded(List.of(withOneMore)).getFirst().riders())
                .isEqualTo(10);
        assertThat(GroupRideMaps.banded(List.of(cell)).getFirst().rides()).isEqualTo(30);
        assertThat(GroupRideMaps.band(15)).isEqualTo(15);
        assertThat(GroupRideMaps.band(19)).isEqualTo(15);
    }

    @Test
    void aCommunityMapCountsItsMembersOnlyAndHidesCellsOfFewerThanTenOfThem() {
        var org = organisers.organisation(Organisations.Kind.CAMPUS_ASSOCIATION);
        UUID campus = UUID.fromString(create(org, "PUBLIC"));
        double[] ours = somewhere();
        double[] mixed = somewhere();
        Instant start = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // Ten members ride one road; on another, ten riders of whom nine are members.
        for (int i = 0; i < 10; i++) {
            communities.join(ride(ours, start.plusSeconds(i)), campus);
        }
        for (int i = 0; i < 10; i++) {
            var rider = ride(mixed, start.plusSeconds(i));
            if (i > 0) {
                communities.join(rider, campus);
            }
        }
        YearMonth month = YearMonth.from(start.atZone(ProgrammeCalendar.ZONE));
        String period = "from=" + month + "&to=" + month;
        String ourCell = Long.toHexString(map.cell(ours[0], ours[1]));
        String mixedCell = Long.toHexString(map.cell(mixed[0], mixed[1]));

        assertThat(cells(api.get("/api/v1/ride-map?" + period).json())).contains(ourCell, mixedCell);
        var campusMap = api.get("/api/v1/ride-map?" + period + "&community=" + campus);
        assertThat(campusMap.status()).as(campusMap.body()).isEqualTo(200);
        assertThat(cells(campusMap.json())).contains(ourCell).doesNotContain(mixedCell);
        assertThat(campusMap.json().get("group").get("name").asString()).startsWith("Cycling campus");
        campusMap
                .json()
                .get("features")
                .forEach(f -> assertThat(f.get("properties").get("riders").asInt())
                        .isBetween(10, 19)
                        .as("in bands of five, against differencing")
                        .isIn(10, 15));

        // The page says whose map it is.
        var page = api.get("/rides/map?lang=en&" + period + "&community=" + campus);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Rides of Cycling campus")
                .contains("rounded down to multiples of 5")
                .contains(ourCell)
                .doesNotContain(mixedCell);

        assertThat(api.get("/communities/" + campus + "?lang=en").body()).contains("/rides/map?community=" + campus);

        // A members-only community's map is for its members and organisers; unknown groups are 404; one group a time.
        UUID closed = UUID.fromString(create(org, "MEMBERS"));
        assertThat(api.get("/api/v1/ride-map?community=" + closed).status()).isEqualTo(403);
        assertThat(api.get("/rides/map?community=" + closed).status()).isEqualTo(403);
        assertThat(api.get(
                                "/api/v1/ride-map?community=" + closed,
                                "Authorization",
                                org.organiser().bearer())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/ride-map?community=" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/ride-map?campaign=" + UUID.randomUUID()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/ride-map?community=" + campus + "&campaign=" + UUID.randomUUID())
                        .status())
                .isEqualTo(400);
    }
}
