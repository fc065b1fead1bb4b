package org.lowcarbontogether.rides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.account.AccountFixtures;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The riding map end to end on the embedded database: GPX, TCX and FIT read to the same track and distance (a DTD is
 * refused), a ride credited with GPS evidence once however often and by whomever its file is uploaded, the track rules
 * named, privacy zones trimming what others could see, the public map hiding cells of fewer than ten riders,
 * nobody reading another rider's ride, and the infrastructure reports' workflow and exports.
 */
@IntegrationTest
class RidesIntegrationTests {

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

    @Autowired
    PrivacyZones zones;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    static byte[] resource(String name) throws IOException {
        try (var in = Objects.requireNonNull(RidesIntegrationTests.class.getResourceAsStream("/rides/" + name))) {
            return in.readAllBytes();
        }
    }

    /** Somewhere nobody else's test rides: a random spot in eastern China. */
    static double[] somewhere() {
        var random = ThreadLocalRandom.current();
        return new double[] {random.nextDouble(23, 40), random.nextDouble(104, 121)};
    }

    static Instant recently() {
        return Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    }

    String token(AuthenticatedUser person) {
        return ApiClient.bearer(api.token(person.email(), AccountFixtures.PASSWORD));
    }

    ApiClient.Response upload(String bearer, String vehicle, String replaced, RideFiles.Part... files) {
        return api.send(
                RideFiles.multipart(
                        api.base() + "/api/v1/rides",
                        List.of(new String[] {"vehicle", vehicle}, new String[] {"replaced", replaced}),
                        List.of(files)),
                "Authorization",
                bearer);
    }

    @Test
    void gpxTcxAndFitReadToTheSameTrackAndDistance() throws IOException {
        var gpx = TrackFiles.read("morning-ride.gpx", resource("morning-ride.gpx"));
        var tcx = TrackFiles.read("morning-ride.tcx", resource("morning-ride.tcx"));
        var fit = TrackFiles.read("morning-ride.fit", RideFiles.fit(gpx.points()));
        assertThat(gpx.points()).hasSize(240);
        assertThat(tcx.points()).hasSize(240);
        var summary = gpx.summary();
        // 239 steps of 25 m along a gently curving line (haversine of the file's rounded points: 5,974.96 m).
        assertThat(summary.distanceMetres()).isCloseTo(5974.96, within(0.5));
        assertThat(summary.movingSeconds()).isEqualTo(1195);
        assertThat(summary.averageMovingKmh()).isCloseTo(18.0, within(0.1));
        assertThat(tcx.summary().distanceMetres()).isCloseTo(summary.distanceMetres(), within(0.01));
        assertThat(tcx.fingerprint()).isEqualTo(gpx.fingerprint());
        assertThat(fit.points()).hasSize(240);
        assertThat(fit.summary().distanceMetres()).isCloseTo(summary.distanceMetres(), within(1.0));
        assertThat(fit.fingerprint())
                .as("FIT stores positions in semicircles: the same to the metre")
                .isEqualTo(gpx.fingerprint());
    }

    @Test
    void aFileDeclaringADtdIsRefusedBeforeAnyEntityIsRead() throws IOException {
        byte[] xxe = resource("xxe.gpx");
        assertThatThrownBy(() -> TrackFiles.read("xxe.gpx", xxe))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("ride-file-dtd"));
        byte[] tcx = new String(xxe, java.nio.charset.StandardCharsets.UTF_8)
                .replace("<gpx", "<TrainingCenterDatabase")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TrackFiles.read("xxe.tcx", tcx))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("ride-file-dtd"));
        assertThatThrownBy(
                        () -> TrackFiles.read("notes.txt", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("ride-file-format"));
    }

    @Test
    void aRideIsCreditedWithGpsEvidenceOnceWhoeverUploadsItAndHowever() {
        var rider = AccountFixtures.person(registration, jdbc);
        String bearer = token(rider);
        double[] at = somewhere();
        var points = RideFiles.route(at[0], at[1], recently(), 17, 1200, 5);
        var answer =
                upload(bearer, "BICYCLE", "CAR", new RideFiles.Part("files", "commute.gpx", RideFiles.gpx(points)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode ride = answer.json().get("rides").get(0).get("ride");
        assertThat(ride.get("status").asString()).isEqualTo("CREDITED");
        assertThat(ride.get("behaviour").asString()).isEqualTo("CYCLE_INSTEAD_OF_CAR");
        assertThat(ride.get("grams").asLong()).isPositive();
        assertThat(ride.get("receipt").get("evidence").asString()).isEqualTo("GPS");
        assertThat(ride.get("receipt").get("methodology").get("version").asString())
                .isNotBlank();
        assertThat(ride.get("distanceMetres").asInt()).isBetween(5500, 5700);
        String id = ride.get("id").asString();

        // The same recording again, as TCX and as FIT, with another file in the same upload: one ride, one credit.
        var again = upload(
                bearer,
                "BICYCLE",
                "CAR",
                new RideFiles.Part("files", "commute.tcx", RideFiles.tcx(points)),
                new RideFiles.Part("files", "commute.fit", RideFiles.fit(points)));
        assertThat(again.status()).isEqualTo(201);
        for (JsonNode each : again.json().get("rides")) {
            assertThat(each.get("again").asBoolean()).isTrue();
            assertThat(each.get("ride").get("id").asString()).isEqualTo(id);
        }
        assertThat(records(rider.id())).isEqualTo(1);

        // Someone else uploads the same file: refused as a duplicate, nothing credited to them.
        var other = AccountFixtures.person(registration, jdbc);
        var copied =
                upload(token(other), "BICYCLE", "CAR", new RideFiles.Part("files", "copy.gpx", RideFiles.gpx(points)));
        JsonNode refused = copied.json().get("rides").get(0).get("ride");
        assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("reasons").toString()).contains("DUPLICATE_TRACK");
        assertThat(records(other.id())).isZero();

        // A trip no behaviour models (an e-bike instead of the bus) is stored, not credited, with its reason.
        var bus = upload(
                bearer,
                "EBIKE",
                "BUS",
                new RideFiles.Part(
                        "files",
                        "later.gpx",
                        RideFiles.gpx(RideFiles.route(at[0], at[1], recently().plusSeconds(1800), 15, 600, 5))));
        JsonNode uncredited = bus.json().get("rides").get(0).get("ride");
        assertThat(uncredited.get("status").asString()).isEqualTo("NOT_CREDITED");
        assertThat(uncredited.get("reasons").toString()).contains("NO_BEHAVIOUR");
    }

    @Test
    void aBicycleRideReplacingATaxiABusOrTheMetroIsCreditedFromMethodology130AndNotOnEarlierDays() {
        var rider = AccountFixtures.person(registration, jdbc);
        String bearer = token(rider);
        double[] at = somewhere();
        // Per passenger-km, DESNZ 2025: regular taxi 0.14861, average local bus 0.10385, London Underground 0.0278 kg.
        var perKm = Map.of("TAXI", "148.61", "BUS", "103.85", "METRO", "27.8");
        var behaviours = Map.of(
                "TAXI", "CYCLE_INSTEAD_OF_TAXI", "BUS", "CYCLE_INSTEAD_OF_BUS", "METRO", "CYCLE_INSTEAD_OF_METRO");
        int hour = 0;
        for (String replaced : List.of("TAXI", "BUS", "METRO")) {
            var start = recently().minus(3 + 2L * hour++, ChronoUnit.HOURS);
            var answer = upload(
                    bearer,
                    "BICYCLE",
                    replaced,
                    new RideFiles.Part(
                            "files",
                            replaced + ".gpx",
                            RideFiles.gpx(RideFiles.route(at[0] + hour * 0.05, at[1], start, 15, 600, 5))));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            JsonNode ride = answer.json().get("rides").get(0).get("ride");
            assertThat(ride.get("status").asString()).as(replaced).isEqualTo("CREDITED");
            assertThat(ride.get("behaviour").asString()).isEqualTo(behaviours.get(replaced));
            JsonNode receipt = ride.get("receipt");
            assertThat(receipt.get("methodology").get("version").asString()).isEqualTo("1.3.0");
            assertThat(receipt.get("evidence").asString()).isEqualTo("GPS");
            // 2.5 km at 15 km/h for 10 minutes: the distance in km (2 decimals) × g per passenger-km, rounded down.
            BigDecimal km = receipt.get("quantity").decimalValue();
            assertThat(km).isBetween(new BigDecimal("2.45"), new BigDecimal("2.55"));
            long expected = km.multiply(new BigDecimal(perKm.get(replaced)))
                    .setScale(0, RoundingMode.DOWN)
                    .longValueExact();
            assertThat(ride.get("grams").asLong()).as(replaced).isEqualTo(expected);
        }
        // A shared bicycle replacing a taxi is the same behaviour: the rider declares the mode it replaced.
        var shared = upload(
                bearer,
                "SHARED_BICYCLE",
                "TAXI",
                new RideFiles.Part(
                        "files",
                        "shared.gpx",
                        RideFiles.gpx(RideFiles.route(
                                at[0] - 0.05, at[1], recently().minus(12, ChronoUnit.HOURS), 15, 600, 5))));
        assertThat(shared.json()
                        .get("rides")
                        .get(0)
                        .get("ride")
                        .get("behaviour")
                        .asString())
                .isEqualTo("CYCLE_INSTEAD_OF_TAXI");

        // A ride on a day before 1.3.0 took effect (1.1.0 was in effect on 2026-12-01) keeps that day's rule: no
        // behaviour for a bicycle instead of a taxi, so it is stored and not credited, with the reason it always had.
        var early = upload(
                bearer,
                "BICYCLE",
                "TAXI",
                new RideFiles.Part(
                        "files",
                        "early.gpx",
                        RideFiles.gpx(RideFiles.route(
                                at[0] - 0.1, at[1], Instant.parse("2026-12-01T02:00:00Z"), 15, 600, 5))));
        JsonNode before = early.json().get("rides").get(0).get("ride");
        assertThat(before.get("status").asString()).isEqualTo("NOT_CREDITED");
        assertThat(before.get("reasons").toString()).contains("NO_BEHAVIOUR");
        assertThat(before.get("grams").isNull()).isTrue();
    }

    int records(UUID user) {
        return jdbc.sql(
                        "select count(*) from activity_record where user_id = :u and evidence = 'GPS' and channel = 'GPS'")
                .param("u", user)
                .query(Integer.class)
                .single();
    }

    @Test
    void theTrackRulesAreNamed() {
        var rider = AccountFixtures.person(registration, jdbc);
        String bearer = token(rider);
        double[] at = somewhere();
        Instant start = recently();
        // 45 km/h sustained on a bicycle: held for a reviewer.
        var fast = status(upload(
                bearer,
                "BICYCLE",
                "CAR",
                new RideFiles.Part(
                        "files", "fast.gpx", RideFiles.gpx(RideFiles.route(at[0], at[1], start, 45, 600, 5)))));
        assertThat(fast.get("status").asString()).isEqualTo("FLAGGED");
        assertThat(fast.get("reasons").toString()).contains("RIDE_SPEED");
        // 90 km/h sustained: no bicycle, refused.
        var car = status(upload(
                bearer,
                "BICYCLE",
                "CAR",
                new RideFiles.Part(
                        "files",
                        "car.gpx",
                        RideFiles.gpx(RideFiles.route(at[0], at[1], start.plusSeconds(3600), 90, 600, 5)))));
        assertThat(car.get("status").asString()).isEqualTo("REFUSED");
        assertThat(car.get("reasons").toString()).contains("RIDE_SPEED");
        // A jump of several kilometres between two fixes a few seconds apart: a teleport, refused.
        var points = new ArrayList<>(RideFiles.route(at[0], at[1], start.plusSeconds(7200), 15, 600, 5));
        var last = points.getLast();
        points.add(new Track.Point(last.lat() + 0.05, last.lon(), last.time().plusSeconds(5)));
        points.addAll(RideFiles.route(last.lat() + 0.05, last.lon(), last.time().plusSeconds(10), 15, 300, 5));
        var teleport = status(
                upload(bearer, "BICYCLE", "CAR", new RideFiles.Part("files", "jump.gpx", RideFiles.gpx(points))));
        assertThat(teleport.get("reasons").toString()).contains("RIDE_TELEPORT");
        assertThat(teleport.get("status").asString()).isEqualTo("REFUSED");
        // A declared e-bike at 36 km/h is within its limit.
        var ebike = status(upload(
                bearer,
                "EBIKE",
                "CAR",
                new RideFiles.Part(
                        "files",
                        "ebike.gpx",
                        RideFiles.gpx(RideFiles.route(at[0], at[1], start.plusSeconds(10_800), 36, 600, 5)))));
        assertThat(ebike.get("reasons").toString()).doesNotContain("RIDE_SPEED");
        // A ride overlapping the rider's own earlier one in time: held.
        var overlap = status(upload(
                bearer,
                "BICYCLE",
                "CAR",
                new RideFiles.Part(
                        "files",
                        "overlap.gpx",
                        RideFiles.gpx(RideFiles.route(at[0] + 0.1, at[1], start.plusSeconds(10_900), 15, 600, 5)))));
        assertThat(overlap.get("reasons").toString()).contains("RIDE_OVERLAP");
        assertThat(overlap.get("status").asString()).isEqualTo("FLAGGED");
    }

    JsonNode ride(String bearer, String vehicle, String name, List<Track.Point> points) {
        return status(upload(bearer, vehicle, "CAR", new RideFiles.Part("files", name, RideFiles.gpx(points))));
    }

    static JsonNode status(ApiClient.Response response) {
        return response.json().get("rides").get(0).get("ride");
    }

    @Test
    void privacyZonesHideTheEndsFromEveryoneButTheRiderAndNobodyReadsAnotherRidersRide() {
        var rider = AccountFixtures.person(registration, jdbc);
        String bearer = token(rider);
        double[] home = somewhere();
        var created = api.post(
                "/api/v1/rides/privacy-zones",
                "{\"label\":\"Home\",\"lat\":%s,\"lon\":%s,\"radiusMetres\":400}".formatted(home[0], home[1]),
                "Authorization",
                bearer);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var points = RideFiles.route(home[0], home[1], recently(), 18, 1200, 5);
        var answer =
                upload(bearer, "BICYCLE", "CAR", new RideFiles.Part("files", "from-home.gpx", RideFiles.gpx(points)));
        String id = status(answer).get("id").asString();
        assertThat(status(answer).get("status").asString()).isEqualTo("CREDITED");

        // The rider sees the whole track, from their door.
        var track = api.get("/api/v1/rides/" + id + "/track", "Authorization", bearer)
                .json();
        var first = track.get("geometry").get("coordinates").get(0);
        assertThat(first.get(1).asDouble()).isCloseTo(points.getFirst().lat(), within(1e-6));

        // The public map's aggregate holds none of the cells within the zone, and the cells after it.
        var counted = jdbc.sql("select cell from ride_cell_rider where user_id = :u")
                .param("u", rider.id())
                .query(Long.class)
                .set();
        assertThat(counted)
                .doesNotContain(
                        map.cell(points.getFirst().lat(), points.getFirst().lon()));
        assertThat(counted)
                .contains(map.cell(points.get(120).lat(), points.get(120).lon()));
        var zone = new PrivacyZones.Zone(UUID.randomUUID(), "Home", home[0], home[1], 400);
        var visible = new Track(points).outside(List.of(zone));
        assertThat(visible.points()).isNotEmpty();
        assertThat(Track.metres(
                        visible.points().getFirst().lat(),
                        visible.points().getFirst().lon(),
                        home[0],
                        home[1]))
                .isGreaterThan(400);

        // Another rider reads nothing of it.
        String stranger = token(AccountFixtures.person(registration, jdbc));
        assertThat(api.get("/api/v1/rides/" + id, "Authorization", stranger).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/rides/" + id + "/track", "Authorization", stranger)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/rides/" + id + "/track", "Authorization", stranger)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/rides/" + id, "Authorization", bearer).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/rides/" + id).status()).isEqualTo(401);

        // The rider deletes the track: the summary and the credit's provenance stay.
        var deleted = api.delete("/api/v1/rides/" + id + "/track", "Authorization", bearer)
                .json();
        assertThat(deleted.get("trackKept").asBoolean()).isFalse();
        assertThat(deleted.get("grams").asLong()).isPositive();
        assertThat(deleted.get("receipt").get("evidence").asString()).isEqualTo("GPS");
        assertThat(api.get("/api/v1/rides/" + id + "/track", "Authorization", bearer)
                        .json()
                        .get("geometry")
                        .get("coordinates")
                        .size())
                .isZero();
    }

    @Test
    void thePublicMapHidesCellsOfFewerThanTenRiders() {
        double[] busy = somewhere();
        double[] quiet = somewhere();
        Instant start = recently();
        for (int i = 0; i < 10; i++) {
            ride(busy, start.plusSeconds(i));
        }
        for (int i = 0; i < 9; i++) {
            ride(quiet, start.plusSeconds(i));
        }
        // The same rider again in the quiet place does not make a tenth rider.
        var ninth = jdbc.sql("select user_id from ride_cell_rider where cell = :c limit 1")
                .param("c", map.cell(quiet[0], quiet[1]))
                .query(UUID.class)
                .single();
        rides.importInTransaction(
                ninth,
                new Rides.Upload(
                        "again.gpx",
                        RideFiles.gpx(RideFiles.route(quiet[0], quiet[1], start.plusSeconds(5000), 16, 900, 5))),
                new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));

        YearMonth month = YearMonth.from(start.atZone(ProgrammeCalendar.ZONE));
        var shown = api.get("/api/v1/ride-map?from=" + month + "&to=" + month).json();
        var cells = new ArrayList<String>();
        shown.get("features")
                .forEach(f -> cells.add(f.get("properties").get("h3").asString()));
        String busyCell = Long.toHexString(map.cell(busy[0], busy[1]));
        String quietCell = Long.toHexString(map.cell(quiet[0], quiet[1]));
        assertThat(cells).contains(busyCell).doesNotContain(quietCell);
        shown.get("features")
                .forEach(f ->
                        assertThat(f.get("properties").get("riders").asInt()).isGreaterThanOrEqualTo(10));
        var busyFeature = java.util.stream.StreamSupport.stream(
                        shown.get("features").spliterator(), false)
                .filter(f -> f.get("properties").get("h3").asString().equals(busyCell))
                .findFirst()
                .orElseThrow();
        assertThat(busyFeature.get("geometry").get("coordinates").get(0).size()).isEqualTo(7);
        assertThat(api.get("/api/v1/ride-map?slot=NOON").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/ride-map?from=%2B999999-01&to=%2B999999-12").status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/ride-map?from=2026-12&to=2026-01").status()).isEqualTo(422);
    }

    void ride(double[] at, Instant start) {
        var rider = AccountFixtures.person(registration, jdbc);
        var outcome = rides.importInTransaction(
                rider.id(),
                new Rides.Upload("r.gpx", RideFiles.gpx(RideFiles.route(at[0], at[1], start, 16, 900, 5))),
                new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));
        assertThat(Objects.requireNonNull(outcome.ride()).status()).isEqualTo(Rides.Status.CREDITED);
    }

    @Test
    void reportsAreConfirmedTriagedAndExportedWithTheRideDensityAround() {
        var reporter = AccountFixtures.person(registration, jdbc);
        String bearer = token(reporter);
        double[] at = somewhere();
        var created = api.send(
                RideFiles.multipart(
                        api.base() + "/api/v1/infrastructure-reports",
                        List.of(
                                new String[] {"category", "BLOCKED_LANE"},
                                new String[] {"lat", Double.toString(at[0])},
                                new String[] {"lon", Double.toString(at[1])},
                                new String[] {"description", "Cars park on the lane every morning"}),
                        List.of()),
                "Authorization",
                bearer);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("status").asString()).isEqualTo("NEW");
        assertThat(created.body()).doesNotContain(reporter.id().toString());

        assertThat(api.post("/api/v1/infrastructure-reports/" + id + "/confirmations", "", "Authorization", bearer)
                        .status())
                .as("nobody confirms their own report")
                .isEqualTo(409);
        String neighbour = token(AccountFixtures.person(registration, jdbc));
        var confirmed =
                api.post("/api/v1/infrastructure-reports/" + id + "/confirmations", "", "Authorization", neighbour);
        assertThat(confirmed.json().get("confirmations").asInt()).isEqualTo(1);
        api.post("/api/v1/infrastructure-reports/" + id + "/confirmations", "", "Authorization", neighbour);
        assertThat(api.get("/api/v1/infrastructure-reports/" + id)
                        .json()
                        .get("confirmations")
                        .asInt())
                .as("once per rider")
                .isEqualTo(1);

        assertThat(api.post(
                                "/api/v1/infrastructure-reports/" + id + "/status",
                                "{\"status\":\"CONFIRMED\"}",
                                "Authorization",
                                neighbour)
                        .status())
                .as("a participant does not triage")
                .isEqualTo(403);
        String officer = token(AccountFixtures.person(registration, jdbc, Role.PROGRAMME_OFFICER));
        for (String next : List.of("CONFIRMED", "SENT_TO_CITY", "RESOLVED")) {
            var moved = api.post(
                    "/api/v1/infrastructure-reports/" + id + "/status",
                    "{\"status\":\"" + next + "\",\"note\":\"step " + next + "\"}",
                    "Authorization",
                    officer);
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().get("status").asString()).isEqualTo(next);
        }
        var backwards = api.post(
                "/api/v1/infrastructure-reports/" + id + "/status", "{\"status\":\"NEW\"}", "Authorization", officer);
        assertThat(backwards.status()).isEqualTo(409);

        var geoJson = api.get("/api/v1/infrastructure-reports/export.geojson", "Authorization", officer);
        assertThat(geoJson.status()).isEqualTo(200);
        var feature = java.util.stream.StreamSupport.stream(
                        geoJson.json().get("features").spliterator(), false)
                .filter(f -> f.get("properties").get("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(feature.get("geometry").get("coordinates").get(0).asDouble()).isCloseTo(at[1], within(1e-9));
        assertThat(feature.get("geometry").get("coordinates").get(1).asDouble()).isCloseTo(at[0], within(1e-9));
        assertThat(feature.get("properties").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(feature.get("properties").has("ridersAround")).isTrue();
        var csv = api.get("/api/v1/infrastructure-reports/export.csv", "Authorization", officer);
        assertThat(csv.body()).startsWith("id,category,status,lat,lon").contains(id + ",BLOCKED_LANE,RESOLVED");
        assertThat(api.get("/api/v1/infrastructure-reports/export.csv", "Authorization", neighbour)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theRidePagesShowTheTrackToItsRiderOnlyAndEveryMapWorksWithoutATileServer() {
        var rider = AccountFixtures.person(registration, jdbc);
        double[] at = somewhere();
        var outcome = rides.importInTransaction(
                rider.id(),
                new Rides.Upload("page.gpx", RideFiles.gpx(RideFiles.route(at[0], at[1], recently(), 16, 900, 5))),
                new Rides.Choices(Rides.Vehicle.BICYCLE, Rides.Replaced.CAR));
        UUID id = Objects.requireNonNull(outcome.ride()).id();
        var session = new WebSession(port).signIn(rider.email(), AccountFixtures.PASSWORD);
        for (String language : List.of("en", "zh-CN")) {
            for (String path : List.of("/rides", "/rides/" + id, "/rides/map", "/infrastructure")) {
                var page = session.get(path, language);
                assertThat(page.status()).as(language + " " + path).isEqualTo(200);
                assertThat(page.body()).as(language + " " + path).doesNotContain("??");
            }
        }
        var ride = session.get("/rides/" + id, "en").body();
        assertThat(ride)
                .contains("id=\"ride-map\"", "data-track=", "/js/maps.js", "<meta name=\"lct-tile-url\">")
                .contains("GPS track")
                .doesNotContain("tile.openstreetmap.org/{z}");
        var stranger = new WebSession(port)
                .signIn(AccountFixtures.person(registration, jdbc).email(), AccountFixtures.PASSWORD);
        assertThat(stranger.get("/rides/" + id).status()).isEqualTo(404);
        assertThat(new WebSession(port).get("/rides/map").status()).isEqualTo(200);
        assertThat(new WebSession(port).get("/rides").location()).endsWith("/login");
    }

    @Autowired
    org.lowcarbontogether.recording.RecordReview review;

    @Test
    void aHeldRideFollowsItsReview() throws InterruptedException {
        var rider = AccountFixtures.person(registration, jdbc);
        var reviewer = AccountFixtures.person(registration, jdbc, Role.REVIEWER);
        String bearer = token(rider);
        double[] at = somewhere();
        Instant start = recently();
        var approved = ride(bearer, "BICYCLE", "fast.gpx", RideFiles.route(at[0], at[1], start, 45, 600, 5));
        var rejected = ride(
                bearer, "BICYCLE", "faster.gpx", RideFiles.route(at[0], at[1], start.plusSeconds(3600), 45, 600, 5));
        assertThat(approved.get("status").asString()).isEqualTo("FLAGGED");
        review.approve(
                reviewer, rider.id(), UUID.fromString(approved.get("recordId").asString()), "a fast but real commute");
        review.reject(
                reviewer, rider.id(), UUID.fromString(rejected.get("recordId").asString()), "a car, surely");
        assertThat(awaitStatus(approved.get("id").asString(), "CREDITED")).isTrue();
        assertThat(awaitStatus(rejected.get("id").asString(), "REJECTED")).isTrue();
        assertThat(jdbc.sql("select count(*) from ride_cell_rider where user_id = :u")
                        .param("u", rider.id())
                        .query(Integer.class)
                        .single())
                .as("an approved ride joins the public map")
                .isPositive();
    }

    boolean awaitStatus(String ride, String status) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String now = jdbc.sql("select status from ride where id = :id")
                    .param("id", UUID.fromString(ride))
                    .query(String.class)
                    .single();
            if (now.equals(status)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
