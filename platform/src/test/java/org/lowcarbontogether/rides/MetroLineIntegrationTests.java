package org.lowcarbontogether.rides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The rule RIDE_METRO on crafted tracks along a line the office imported — a train along it held, a bicycle beside it
 * credited, a train-like track elsewhere not called a metro ride — and the office's import: officers only, every
 * problem of a file named, stations left out, deletion audited.
 */
@IntegrationTest
class MetroLineIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    String token(AuthenticatedUser person) {
        return ApiClient.bearer(api.token(person.email(), AccountFixtures.PASSWORD));
    }

    /** A straight line due east from a point, {@code km} long, a position every 200 m, as GeoJSON with a station. */
    static String line(double lat, double lon, double km) {
        var coordinates = new ArrayList<String>();
        for (double m = 0; m <= km * 1000; m += 200) {
            coordinates.add(String.format(Locale.ROOT, "[%.6f,%.6f]", lon + east(lat, m), lat));
        }
        return """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","properties":{"name":"测试线路"},
                   "geometry":{"type":"LineString","coordinates":[%s]}},
                  {"type":"Feature","properties":{"name":"测试站"},
                   "geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}]}""".formatted(String.join(",", coordinates), lon, lat);
    }

    static double east(double lat, double metres) {
        return metres / (111_195.0 * Math.cos(Math.toRadians(lat)));
    }

    /**
     * A track due east along a latitude: a walk of 200 m to the platform, then runs of {@code runMetres} at
     * {@code kmh}, each followed by a stop of {@code stopSeconds}, a point every 5 s.
     */
    static List<Track.Point> along(
            double lat, double lon, Instant start, double kmh, double runMetres, int stopSeconds, int runs) {
        var points = new ArrayList<Track.Point>();
        Instant t = start;
        double x = -200;
        for (; x < 0; x += 1.4 * 5) {
            points.add(new Track.Point(lat, lon + east(lat, x), t));
            t = t.plusSeconds(5);
        }
        for (int r = 0; r < runs; r++) {
            double end = x + runMetres;
            for (; x < end; x += kmh / 3.6 * 5) {
                points.add(new Track.Point(lat, lon + east(lat, x), t));
                t = t.plusSeconds(5);
            }
            for (int s = 0; s < stopSeconds; s += 5) {
                points.add(new Track.Point(lat, lon + east(lat, x), t));
                t = t.plusSeconds(5);
            }
        }
        return points.stream()
                .map(p -> new Track.Point(RideFiles.round(p.lat()), RideFiles.round(p.lon()), p.time()))
                .toList();
    }

    ApiClient.Response importLines(String bearer, String city, String fileName, String geoJson) {
        return api.send(
                RideFiles.multipart(
                        api.base() + "/api/v1/admin/metro-lines",
                        List.<String[]>of(new String[] {"city", city}),
                        List.of(new RideFiles.Part("file", fileName, geoJson.getBytes(StandardCharsets.UTF_8)))),
                "Authorization",
                bearer);
    }

    JsonNode ride(AuthenticatedUser rider, List<Track.Point> points) {
        var answer = api.send(
                RideFiles.multipart(
                        api.base() + "/api/v1/rides",
                        List.of(new String[] {"vehicle", "BICYCLE"}, new String[] {"replaced", "CAR"}),
                        List.of(new RideFiles.Part("files", "ride.gpx", RideFiles.gpx(points)))),
                "Authorization",
                token(rider));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("rides").get(0).get("ride");
    }

    @Test
    void aTrainAlongALineIsHeldABicycleBesideItIsCreditedAndATrainElsewhereIsNotAMetroRide() {
        var officer = AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER);
        String bearer = token(officer);
        double[] at = RidesIntegrationTests.somewhere();
        var imported = importLines(bearer, "测试市", "lines.geojson", line(at[0], at[1], 14));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("skipped").asInt())
                .as("the station is not a line")
                .isEqualTo(1);
        var line = imported.json().get("lines").get(0);
        UUID lineId = UUID.fromString(line.get("id").asString());
        assertThat(line.get("name").asString()).isEqualTo("测试线路");
        assertThat(line.get("lengthMetres").asInt()).isBetween(13_900, 14_100);
        try {
            Instant start = RidesIntegrationTests.recently().minusSeconds(6 * 3600);
            // Six stations 1.5 km apart at 60 km/h with 30 s stops, 30 m beside the line: a metro ride.
            double beside = at[0] + 30 / 111_195.0;
            var metro = ride(AccountFixtures.person(registration, jdbc), along(beside, at[1], start, 60, 1500, 30, 6));
            assertThat(metro.get("reasons").toString()).contains("RIDE_METRO");
            assertThat(metro.get("status").asString()).isEqualTo("FLAGGED");
            assertThat(metro.get("rulesVersion").asString()).isEqualTo(TrackRules.VERSION);

            // A cyclist on the path beside the same line, 18 km/h, stopping 30 s at lights every 800 m: credited.
            var bicycle = ride(
                    AccountFixtures.person(registration, jdbc),
                    along(beside, at[1], start.plusSeconds(3600), 18, 800, 30, 12));
            assertThat(bicycle.get("reasons").toString()).doesNotContain("RIDE_METRO");
            assertThat(bicycle.get("status").asString()).isEqualTo("CREDITED");

            // The same train-like profile 50 km away from any line: too fast for a bicycle, but not a metro ride.
            var elsewhere = ride(
                    AccountFixtures.person(registration, jdbc), along(at[0] + 0.45, at[1], start, 60, 1500, 30, 6));
            assertThat(elsewhere.get("reasons").toString())
                    .contains("RIDE_SPEED")
                    .doesNotContain("RIDE_METRO");

            // And a bicycle elsewhere is credited as before.
            var commute = ride(
                    AccountFixtures.person(registration, jdbc),
                    along(at[0] + 0.45, at[1], start.plusSeconds(7200), 18, 800, 30, 8));
            assertThat(commute.get("status").asString()).isEqualTo("CREDITED");
        } finally {
            var deleted = api.delete("/api/v1/admin/metro-lines/" + lineId, "Authorization", bearer);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        }
        assertThat(api.get("/api/v1/admin/metro-lines", "Authorization", bearer).body())
                .doesNotContain(lineId.toString());
        assertThat(jdbc.sql("select count(*) from metro_line_cell where line_id = :id")
                        .param("id", lineId)
                        .query(Integer.class)
                        .single())
                .isZero();
        var audited = jdbc.sql("select action from audit_entry where target_id = :id and actor_id = :actor order by id")
                .param("id", lineId)
                .param("actor", officer.id())
                .query(String.class)
                .list();
        assertThat(audited).containsExactly("metro-line-imported", "metro-line-deleted");
    }

    @Test
    void theTrainProfileNeedsTwoFastRunsBetweenStops() {
        Instant start = Instant.parse("2026-11-02T01:00:00Z");
        assertThat(MetroLines.trainLike(new Track(along(30, 110, start, 60, 1500, 30, 3))))
                .isTrue();
        assertThat(MetroLines.trainLike(new Track(along(30, 110, start, 24, 800, 30, 10))))
                .as("a fast cyclist stopping at lights")
                .isFalse();
        assertThat(MetroLines.trainLike(new Track(along(30, 110, start, 60, 6000, 0, 1))))
                .as("one fast run without a stop: a descent or a car, RIDE_SPEED's business")
                .isFalse();
    }

    @Test
    void onlyTheOfficeImportsAndEveryProblemOfAFileIsNamed() {
        var rider = AccountFixtures.person(registration, jdbc);
        double[] at = RidesIntegrationTests.somewhere();
        var refused = importLines(token(rider), "测试市", "lines.geojson", line(at[0], at[1], 2));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/metro-lines", "Authorization", token(rider))
                        .status())
                .isEqualTo(403);

        String bearer = token(AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER));
        var notJson = importLines(bearer, "测试市", "lines.geojson", "<kml/>");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("errors").findValuesAsString("message"))
                .containsExactly(
                        "The file is not a GeoJSON FeatureCollection, Feature, LineString or MultiLineString.");

        var noCity = importLines(bearer, " ", "lines.geojson", line(at[0], at[1], 2));
        assertThat(noCity.status()).isEqualTo(400);
        assertThat(noCity.json().get("errors").findValuesAsString("field")).contains("city");

        var stationsOnly = importLines(bearer, "测试市", "stations.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
                 "geometry":{"type":"Point","coordinates":[113.2,23.1]}}]}""");
        assertThat(stationsOnly.status()).isEqualTo(400);
        assertThat(stationsOnly.json().get("errors").findValuesAsString("message"))
                .containsExactly("The file holds no LineString or MultiLineString.");

        var broken = importLines(bearer, "测试市", "broken.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"一"},"geometry":{"type":"LineString","coordinates":[[113.2,23.1]]}},
                 {"type":"Feature","properties":{"name":"二"},"geometry":{"type":"LineString","coordinates":[[113.2,23.1],[200,23.2]]}}]}""");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("errors").findValuesAsString("message"))
                .containsExactly(
                        "Feature 1: a line needs at least two positions.",
                        "Feature 2: every position is [longitude, latitude] in degrees within range.");
        assertThat(jdbc.sql("select count(*) from metro_line where city = '测试市' and name in ('一', '二')")
                        .query(Integer.class)
                        .single())
                .as("nothing of a file with a problem is imported")
                .isZero();

        assertThat(api.delete("/api/v1/admin/metro-lines/" + UUID.randomUUID(), "Authorization", bearer)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theOfficePageIsForTheOfficeOnly() {
        var officer = AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER);
        var session = new WebSession(port).signIn(officer.email(), AccountFixtures.PASSWORD);
        var page = session.get("/admin/metro-lines", "en");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("import-form");
        var rider = new WebSession(port)
                .signIn(AccountFixtures.person(registration, jdbc).email(), AccountFixtures.PASSWORD);
        assertThat(rider.get("/admin/metro-lines", "en").status()).isEqualTo(403);
    }
}
