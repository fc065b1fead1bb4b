package org.lowcarbontogether.rides;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A GPS track: its points in time order, and what they add up to — distance over the ground (haversine), moving time
 * (the time between points while faster than walking pace), speeds, and a fingerprint that is the same for the same
 * recording whichever file format carries it.
 */
public record Track(List<Point> points) {

    /** Mean Earth radius (IUGG), metres. */
    static final double EARTH_RADIUS_M = 6_371_008.8;
    /** Below this speed between two points the rider is counted as stopped (m/s, 3.6 km/h). */
    static final double MOVING_SPEED = 1.0;

    public Track {
        points = List.copyOf(points);
    }

    /** One recorded position: degrees WGS 84 and the instant it was recorded. */
    public record Point(double lat, double lon, Instant time) {}

    /** Great-circle distance between two points, metres. */
    static double metres(Point a, Point b) {
        double p1 = Math.toRadians(a.lat());
        double p2 = Math.toRadians(b.lat());
        double dp = p2 - p1;
        double dl = Math.toRadians(b.lon() - a.lon());
        double h =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        return metres(new Point(lat1, lon1, Instant.EPOCH), new Point(lat2, lon2, Instant.EPOCH));
    }

    public Instant start() {
        return points.getFirst().time();
    }

    public Instant end() {
        return points.getLast().time();
    }

    /** What the track adds up to. */
    public record Summary(
            double distanceMetres, long movingSeconds, long elapsedSeconds, double averageMovingKmh, double maxKmh) {}

    public Summary summary() {
        double distance = 0;
        long moving = 0;
        double max = 0;
        for (int i = 1; i < points.size(); i++) {
            var a = points.get(i - 1);
            var b = points.get(i);
            double d = metres(a, b);
            long s = Duration.between(a.time(), b.time()).toSeconds();
            distance += d;
            if (s > 0 && d / s >= MOVING_SPEED) {
                moving += s;
            }
        }
        // The top speed over a sliding half minute, so one jittery fix does not make a record.
        for (var stretch : stretches(Duration.ofSeconds(30))) {
            max = Math.max(max, stretch.kmh());
        }
        long elapsed = Duration.between(start(), end()).toSeconds();
        double average = moving == 0 ? 0 : distance / moving * 3.6;
        return new Summary(distance, moving, elapsed, average, max);
    }

    /** A stretch of the track from one point to a later one: its distance, duration and average speed. */
    record Stretch(int from, int to, double metres, long seconds) {
        double kmh() {
            return seconds <= 0 ? 0 : metres / seconds * 3.6;
        }
    }

    /** For each point, the stretch from it to the first point at least {@code length} later (sliding windows). */
    List<Stretch> stretches(Duration length) {
        var out = new ArrayList<Stretch>();
        double[] cumulative = new double[points.size()];
        for (int i = 1; i < points.size(); i++) {
            cumulative[i] = cumulative[i - 1] + metres(points.get(i - 1), points.get(i));
        }
        int j = 0;
        for (int i = 0; i < points.size(); i++) {
            if (j < i) {
                j = i;
            }
            Instant until = points.get(i).time().plus(length);
            while (j < points.size() - 1 && points.get(j).time().isBefore(until)) {
                j++;
            }
            if (!points.get(j).time().isBefore(until)) {
                out.add(new Stretch(
                        i,
                        j,
                        cumulative[j] - cumulative[i],
                        Duration.between(points.get(i).time(), points.get(j).time())
                                .toSeconds()));
            }
        }
        return out;
    }

    /**
     * The fingerprint of the recording: SHA-256 over every point's second and position rounded to about a metre. A GPX
     * file and its TCX or FIT export give the same fingerprint; two devices never do.
     */
    public String fingerprint() {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var p : points) {
                digest.update(String.format(
                                Locale.ROOT,
                                "%d,%d,%d;",
                                p.time().getEpochSecond(),
                                hundredThousandths(p.lat()),
                                hundredThousandths(p.lon()))
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Degrees in units of 1e-5 (about a metre), rounded in two steps — to 1e-6 first — so that a position written with
     * six decimals and the same one stored in FIT semicircles (8.4e-8 degrees) give the same number.
     */
    static long hundredThousandths(double degrees) {
        long micro = Math.round(degrees * 1e6);
        return Math.floorDiv(micro + 5, 10);
    }

    /** The points outside every zone, from the first such point to the last (a zone hides a ride's ends). */
    public Track outside(List<PrivacyZones.Zone> zones) {
        if (zones.isEmpty()) {
            return this;
        }
        int first = 0;
        while (first < points.size() && inside(points.get(first), zones)) {
            first++;
        }
        int last = points.size() - 1;
        while (last >= first && inside(points.get(last), zones)) {
            last--;
        }
        return new Track(first > last ? List.of() : points.subList(first, last + 1));
    }

    private static boolean inside(Point p, List<PrivacyZones.Zone> zones) {
        for (var z : zones) {
            if (metres(p.lat(), p.lon(), z.lat(), z.lon()) <= z.radiusMetres()) {
                return true;
            }
        }
        return false;
    }
}
