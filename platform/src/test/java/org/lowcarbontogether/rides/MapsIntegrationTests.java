package org.lowcarbontogether.rides;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The maps without a tile server and the public riding map kept rendered: the bundled basemap is served and kept by
 * browsers; the kept map follows a ride that brings a cell to ten riders (and not before), and a withdrawn ride leaves
 * the map.
 */
@IntegrationTest
class MapsIntegrationTests {

    static final String BASEMAP = "/js/vendor/world-atlas-2.0.2/basemap.json";

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Rides rides;

    @Autowired
    RideMap map;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void theBundledBasemapIsServedSmallAndKept() {
        var basemap = api.get(BASEMAP);
        assertThat(basemap.status()).isEqualTo(200);
        assertThat(basemap.header("Content-Type")).startsWith("application/json");
        assertThat(basemap.body().length())
                .as("small enough to load with a page")
                .isBetween(50_000, 400_000);
        assertThat(basemap.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        var layers = new ArrayList<String>();
        basemap.json()
                .get("features")
                .forEach(f -> layers.add(f.get("properties").get("layer").asString()));
        assertThat(layers).containsExactly("land", "borders");
        assertThat(api.get("/js/vendor/world-atlas-2.0.2/LICENSE").status()).isEqualTo(200);
    }

    @Test
    void theKeptMapShowsACellOnceItsTenthRiderRodeThroughItAndNotBefore() throws Exception {
        double[] at = RidesIntegrationTests.somewhere();
        Instant start = RidesIntegrationTests.recently();
        String path = mapOf(start);
        String cell = Long.toHexString(map.cell(at[0], at[1]));
        for (int i = 0; i < 9; i++) {
            ride(AccountFixtures.person(registration, jdbc), at, start.plusSeconds(i));
        }
        var nine = api.get(path);
        assertThat(cells(nine.json())).doesNotContain(cell);
        String etag = Objects.requireNonNull(nine.header("ETag"));
        assertThat(nine.header("Cache-Control")).contains("no-cache");
        assertThat(api.get(path, "If-None-Match", etag).status())
                .as("unchanged: revalidated, not sent again")
                .isEqualTo(304);

        ride(AccountFixtures.person(registration, jdbc), at, start.plusSeconds(60));

        var ten = api.get(path);
        assertThat(ten.header("ETag")).isNotEqualTo(etag);
        assertThat(api.get(path, "If-None-Match", etag).status()).isEqualTo(200);
        assertThat(riders(ten.json(), cell)).isEqualTo(10);
        var compressed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + path))
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.headers().firstValue("ETag")).isNotEqualTo(ten.header("ETag"));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ten.body());
        }
        ten.json()
                .get("features")
                .forEach(f -> assertThat(f.get("properties").get("riders").asInt())
                        .isGreaterThanOrEqualTo(RideMap.MIN_RIDERS));
        assertThat(api.get("/rides/map?lang=en&from=" + YearMonth.from(start.atZone(ProgrammeCalendar.ZONE)))
                        .body())
                .as("the map page draws the same kept rendering")
                .contains("&quot;h3&quot;:&quot;" + cell + "&quot;");
    }

    @Test
    void aWithdrawnRideLeavesTheMap() throws InterruptedException {
        double[] at = RidesIntegrationTests.somewhere();
        Instant start = RidesIntegrationTests.recently();
        String path = mapOf(start);
        String cell = Long.toHexString(map.cell(at[0], at[1]));
        var withdrawing = AccountFixtures.person(registration, jdbc);
        var withdrawn = ride(withdrawing, at, start);
        var kept = ride(withdrawing, at, start.plusSeconds(7200));
        for (int i = 1; i < 10; i++) {
            ride(AccountFixtures.person(registration, jdbc), at, start.plusSeconds(i));
        }
        assertThat(riders(api.get(path).json(), cell)).isEqualTo(10);
        assertThat(ridesIn(cell, start)).isEqualTo(11);

        // Withdrawing one of two rides: still a rider of the cell, one ride less.
        assertThat(withdraw(withdrawing, withdrawn)).isEqualTo(200);
        assertThat(awaitRides(cell, start, 10)).isTrue();
        assertThat(riders(api.get(path).json(), cell)).isEqualTo(10);
        assertThat(jdbc.sql("select map_cells is null from ride where id = :id")
                        .param("id", withdrawn.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // Withdrawing the other: nine riders are left, and the cell is hidden again.
        assertThat(withdraw(withdrawing, kept)).isEqualTo(200);
        assertThat(awaitRides(cell, start, 9)).isTrue();
        assertThat(cells(api.get(path).json())).doesNotContain(cell);
        assertThat(jdbc.sql("select count(*) from ride_cell_rider where user_id = :u")
                        .param("u", withdrawing.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    Rides.RideView ride(AuthenticatedUser rider, double[] at, Instant start) {
        var outcome = rides.importInTransaction(
                rider.id(),
                new Rides.Upload("r.gpx", RideFiles.gpx(RideFiles.route(at[0], at[1], start, 16, 900, 5))),
                new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));
        var ride = Objects.requireNonNull(outcome.ride());
        assertThat(ride.status()).isEqualTo(Rides.Status.CREDITED);
        return ride;
    }

    int withdraw(AuthenticatedUser rider, Rides.RideView ride) {
        String bearer = ApiClient.bearer(api.token(rider.email(), AccountFixtures.PASSWORD));
        return api.post(
                        "/api/v1/records/" + Objects.requireNonNull(ride.recordId()) + "/reversal",
                        "{\"note\":\"uploaded by mistake\"}",
                        "Authorization",
                        bearer)
                .status();
    }

    static String mapOf(Instant start) {
        YearMonth month = YearMonth.from(start.atZone(ProgrammeCalendar.ZONE));
        return "/api/v1/ride-map?from=" + month + "&to=" + month;
    }

    static List<String> cells(JsonNode shown) {
        var cells = new ArrayList<String>();
        shown.get("features")
                .forEach(f -> cells.add(f.get("properties").get("h3").asString()));
        return cells;
    }

    static int riders(JsonNode shown, String cell) {
        return StreamSupport.stream(shown.get("features").spliterator(), false)
                .filter(f -> f.get("properties").get("h3").asString().equals(cell))
                .findFirst()
                .map(f -> f.get("properties").get("riders").asInt())
                .orElse(0);
    }

    int ridesIn(String cell, Instant start) {
        return jdbc.sql("select coalesce(sum(rides), 0) from ride_cell_rider where cell = :cell and month = :month")
                .param("cell", Long.parseUnsignedLong(cell, 16))
                .param(
                        "month",
                        java.sql.Date.valueOf(YearMonth.from(start.atZone(ProgrammeCalendar.ZONE))
                                .atDay(1)))
                .query(Integer.class)
                .single();
    }

    boolean awaitRides(String cell, Instant start, int expected) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (ridesIn(cell, start) == expected) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
