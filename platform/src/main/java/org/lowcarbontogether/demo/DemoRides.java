package org.lowcarbontogether.demo;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.rides.InfrastructureReports;
import org.lowcarbontogether.rides.MetroLines;
import org.lowcarbontogether.rides.Rides;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Demo rides and infrastructure reports: riders in Guangzhou and Beijing commuting along a few corridors (synthetic
 * GPX tracks at cycling speed with a little GPS noise, in the last four weeks, mostly at rush hours), so the public
 * riding map shows hexagons with ten riders or more; and twenty infrastructure reports in every state of the workflow.
 */
@Component
class DemoRides {

    private static final Logger log = LoggerFactory.getLogger(DemoRides.class);

    /** A corridor riders follow: where it starts and its heading in degrees from north. */
    private record Corridor(String city, double lat, double lon, double heading) {}

    private static final List<Corridor> CORRIDORS = List.of(
            new Corridor("Guangzhou", 23.1291, 113.2644, 80),
            new Corridor("Guangzhou", 23.1200, 113.3200, 350),
            new Corridor("Guangzhou", 23.1060, 113.2800, 45),
            new Corridor("Beijing", 39.9042, 116.4074, 90),
            new Corridor("Beijing", 39.9900, 116.3100, 170),
            new Corridor("Beijing", 39.9300, 116.3500, 20));

    /**
     * A metro line in each demo city, its stations' positions approximated (for the demo's rule RIDE_METRO, not for
     * navigation): Guangzhou Metro line 1 from Xilang to Guangzhou East, Beijing Subway line 1 along Chang'an Avenue.
     */
    private static final List<DemoLine> LINES = List.of(
            new DemoLine("Guangzhou", "广州地铁1号线", new double[][] {
                {113.2360, 23.0670}, {113.2370, 23.0800}, {113.2410, 23.0910}, {113.2440, 23.0980},
                {113.2450, 23.1140}, {113.2550, 23.1180}, {113.2590, 23.1260}, {113.2670, 23.1260},
                {113.2750, 23.1250}, {113.2820, 23.1270}, {113.2910, 23.1270}, {113.2970, 23.1220},
                {113.3170, 23.1300}, {113.3220, 23.1380}, {113.3270, 23.1390}, {113.3250, 23.1510}
            }),
            new DemoLine("Beijing", "北京地铁1号线", new double[][] {
                {116.1770, 39.9260}, {116.2200, 39.9070}, {116.2700, 39.9070}, {116.3200, 39.9070},
                {116.3570, 39.9070}, {116.3910, 39.9075}, {116.4110, 39.9080}, {116.4340, 39.9080},
                {116.4610, 39.9090}, {116.4960, 39.9090}, {116.5150, 39.9080}
            }));

    private record DemoLine(String city, String name, double[][] lonLat) {}

    private final Rides rides;
    private final InfrastructureReports reports;
    private final MetroLines metroLines;
    private final Registration users;
    private final Clock clock;

    DemoRides(Rides rides, InfrastructureReports reports, MetroLines metroLines, Registration users, Clock clock) {
        this.rides = rides;
        this.reports = reports;
        this.metroLines = metroLines;
        this.users = users;
        this.clock = clock;
    }

    /** The demo cities' metro lines, imported by the demo's programme officer (when the demo has one). */
    private void lines() {
        var officer = users.actor(DemoGrants.OFFICER_EMAIL).filter(a -> a.hasRole(Role.PROGRAMME_OFFICER));
        if (officer.isEmpty()) {
            log.info("Demo data: no programme officer, so no metro lines");
            return;
        }
        for (var line : LINES) {
            var coordinates = new StringBuilder();
            for (double[] p : line.lonLat()) {
                coordinates
                        .append(coordinates.isEmpty() ? "" : ",")
                        .append(String.format(Locale.ROOT, "[%.4f,%.4f]", p[0], p[1]));
            }
            String geoJson = """
                    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"%s"},
                    "geometry":{"type":"LineString","coordinates":[%s]}}]}""".formatted(line.name(), coordinates);
            metroLines.importGeoJson(
                    officer.get(), line.city(), "demo-line.geojson", geoJson.getBytes(StandardCharsets.UTF_8));
        }
    }

    void create(List<UUID> people, UUID organiser, Random random) {
        lines();
        int credited = 0;
        int count = 0;
        // Each corridor gets its own riders, each riding it a few times.
        int riders = Math.min(people.size() / CORRIDORS.size(), 25);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (int c = 0; c < CORRIDORS.size(); c++) {
            var corridor = CORRIDORS.get(c);
            for (int r = 0; r < riders; r++) {
                UUID rider = people.get(c * riders + r);
                int trips = 2 + random.nextInt(3);
                for (int t = 0; t < trips; t++) {
                    int daysAgo = 1 + random.nextInt(25);
                    int hour = random.nextDouble() < 0.7 ? (random.nextBoolean() ? 0 : 10) : 2 + random.nextInt(12);
                    Instant start = now.truncatedTo(ChronoUnit.DAYS)
                            .minus(Duration.ofDays(daysAgo))
                            .plus(Duration.ofHours(hour))
                            .plus(Duration.ofMinutes(random.nextInt(50)));
                    if (start.isAfter(now.minus(Duration.ofHours(2)))) {
                        continue;
                    }
                    var file = new Rides.Upload("demo-ride.gpx", gpx(corridor, start, random));
                    var vehicle = random.nextDouble() < 0.3 ? Rides.Vehicle.SHARED_BICYCLE : Rides.Vehicle.BICYCLE;
                    try {
                        var outcome =
                                rides.importInTransaction(rider, file, new Rides.Choices(vehicle, Rides.Replaced.CAR));
                        count++;
                        if (outcome.ride() != null && outcome.ride().status() == Rides.Status.CREDITED) {
                            credited++;
                        }
                    } catch (RuntimeException e) {
                        log.debug("Demo ride skipped: {}", e.getMessage());
                    }
                }
            }
        }
        reports(people, organiser, random);
        log.info("Demo data: {} rides uploaded, {} credited, and 20 infrastructure reports", count, credited);
    }

    /** A track along the corridor: 4 to 8 km at 14 to 20 km/h, a point every 5 s, each rider a few metres aside. */
    private static byte[] gpx(Corridor corridor, Instant start, Random random) {
        double kmh = 14 + random.nextDouble() * 6;
        int seconds = (int) ((4 + random.nextDouble() * 4) / kmh * 3600);
        double aside = (random.nextDouble() - 0.5) * 0.0006;
        double lat = corridor.lat() + aside;
        double lon = corridor.lon() - aside;
        var out = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gpx version="1.1" creator="Low Carbon Together demo" xmlns="http://www.topografix.com/GPX/1/1">
                <trk><type>cycling</type><trkseg>
                """);
        double step = kmh / 3.6 * 5;
        for (int t = 0; t <= seconds; t += 5) {
            out.append(String.format(
                    Locale.ROOT,
                    "<trkpt lat=\"%.6f\" lon=\"%.6f\"><time>%s</time></trkpt>%n",
                    lat + random.nextGaussian() * 0.00003,
                    lon + random.nextGaussian() * 0.00003,
                    start.plusSeconds(t)));
            double heading = Math.toRadians(corridor.heading() + 10 * Math.sin(t / 240.0));
            lat += step * Math.cos(heading) / 111_195.0;
            lon += step * Math.sin(heading) / (111_195.0 * Math.cos(Math.toRadians(lat)));
        }
        out.append("</trkseg></trk></gpx>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final List<String> DESCRIPTIONS = List.of(
            "Delivery vans park on the cycle lane every morning.",
            "自行车道路面坑洼，雨天积水。",
            "No bicycle parking near the metro exit; bikes block the pavement.",
            "路口右转车辆不看自行车，非常危险。",
            "Shared bikes are all gone by 8 am at this station.",
            "The lane ends suddenly and pushes riders into traffic.",
            "自行车道被施工围挡占用。",
            "Broken kerb at the lane entrance.");

    private void reports(List<UUID> people, UUID organiser, Random random) {
        var triager = Actor.of(organiser, Set.of(Role.PARTICIPANT, Role.ORGANISER));
        var categories = InfrastructureReports.Category.values();
        var paths = List.of(
                List.<String>of(),
                List.of("CONFIRMED"),
                List.of("CONFIRMED", "SENT_TO_CITY"),
                List.of("CONFIRMED", "SENT_TO_CITY", "RESOLVED"),
                List.of("WONT_FIX"));
        for (int i = 0; i < 20; i++) {
            var corridor = CORRIDORS.get(i % CORRIDORS.size());
            var reporter = Actor.of(people.get(random.nextInt(people.size())), Set.of(Role.PARTICIPANT));
            var report = reports.report(
                    reporter,
                    categories[i % categories.length].name(),
                    corridor.lat() + random.nextDouble() * 0.01,
                    corridor.lon() + random.nextDouble() * 0.01,
                    DESCRIPTIONS.get(i % DESCRIPTIONS.size()),
                    null);
            for (int k = 0; k < i % 4; k++) {
                var other = Actor.of(people.get(random.nextInt(people.size())), Set.of(Role.PARTICIPANT));
                if (!other.id().equals(reporter.id())) {
                    reports.confirm(other, report.id());
                }
            }
            for (String next : paths.get(i % paths.size())) {
                reports.triage(triager, report.id(), next, next.equals("WONT_FIX") ? "Outside the city's plan." : null);
            }
        }
    }
}
