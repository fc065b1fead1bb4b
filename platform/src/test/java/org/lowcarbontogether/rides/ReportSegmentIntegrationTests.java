package org.lowcarbontogether.rides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Infrastructure reports that mark a segment (a stretch of lane) rather than a pin: kept as a short polyline whose
 * halfway point is the pin, checked, and exported as a GeoJSON LineString and a CSV column with the riders counted
 * along the whole segment.
 */
@IntegrationTest
class ReportSegmentIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RideMap map;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    String token(AuthenticatedUser person) {
        return ApiClient.bearer(api.token(person.email(), AccountFixtures.PASSWORD));
    }

    ApiClient.Response report(String bearer, String segment) {
        return api.send(
                RideFiles.multipart(
                        api.base() + "/api/v1/infrastructure-reports",
                        List.of(
                                new String[] {"category", "BROKEN_LANE"},
                                new String[] {"segment", segment},
                                new String[] {"description", "自行车道路面破损"}),
                        List.of()),
                "Authorization",
                bearer);
    }

    @Test
    void aSegmentIsKeptDrawnAndExportedWithTheRidersAlongIt() {
        double[] at = RidesIntegrationTests.somewhere();
        // Due north, 2 km in two legs of 1 km: the halfway point is the middle position.
        double step = 1000 / 111_195.0;
        String segment = String.format(
                Locale.ROOT,
                "%.6f,%.6f;%.6f,%.6f;%.6f,%.6f",
                at[0],
                at[1],
                at[0] + step,
                at[1],
                at[0] + 2 * step * 0.999,
                at[1]);
        // Ten riders rode past the segment's far end only, a kilometre from its pin.
        for (int i = 0; i < 10; i++) {
            map.count(
                    UUID.randomUUID(), // no stored ride: only the cells are counted
                    AccountFixtures.person(registration, jdbc).id(),
                    new Track(List.of(
                            new Track.Point(at[0] + 2 * step * 0.999, at[1], Instant.now()),
                            new Track.Point(at[0] + 2 * step * 0.999, at[1] + 0.0005, Instant.now()))),
                    Instant.now());
        }
        String bearer = token(AccountFixtures.person(registration, jdbc));
        var made = report(bearer, segment);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String id = made.json().get("id").asString();
        assertThat(made.json().get("segment")).hasSize(3);
        assertThat(made.json().get("lat").asDouble()).isCloseTo(at[0] + step, within(2e-5));
        assertThat(made.json().get("lon").asDouble()).isCloseTo(at[1], within(1e-6));
        assertThat(map.ridersAround(made.json().get("lat").asDouble(), at[1], InfrastructureReports.DENSITY_RINGS))
                .as("the riders are beyond the rings around the pin")
                .isZero();

        String officer = token(AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER));
        var geoJson = api.get("/api/v1/infrastructure-reports/export.geojson", "Authorization", officer);
        var feature = StreamSupport.stream(geoJson.json().get("features").spliterator(), false)
                .filter(f -> f.get("properties").get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(feature.get("geometry").get("type").asString()).isEqualTo("LineString");
        var first = feature.get("geometry").get("coordinates").get(0);
        assertThat(first.get(0).asDouble()).as("longitude first").isCloseTo(at[1], within(1e-6));
        assertThat(first.get(1).asDouble()).isCloseTo(at[0], within(1e-6));
        assertThat(feature.get("properties").get("ridersAround").asInt())
                .as("counted along the whole segment")
                .isGreaterThanOrEqualTo(10);
        var csv = api.get("/api/v1/infrastructure-reports/export.csv", "Authorization", officer);
        assertThat(csv.body().lines().findFirst().orElseThrow()).endsWith(",riders_around,segment");
        assertThat(csv.body().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow())
                .contains(String.format(Locale.ROOT, "%s %s;", at[0], at[1]).substring(0, 6));

        var page = api.get("/infrastructure");
        assertThat(page.body()).as("the map draws it").contains("segment&quot;:[[");
    }

    @Test
    void aSegmentIsCheckedAndNamedWhenWrong() {
        String bearer = token(AccountFixtures.person(registration, jdbc));
        var one = report(bearer, "23.1,113.2");
        assertThat(one.status()).isEqualTo(400);
        assertThat(one.json().get("errors").findValuesAsString("field")).containsExactly("segment");
        assertThat(report(bearer, "23.1,113.2;95,113.2").body()).contains("segment");
        var tooLong = report(bearer, "23.1,113.2;23.2,113.2");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("segment");
        assertThat(tooLong.json().get("errors").get(0).get("message").asString())
                .contains("2 km");
    }
}
