package org.lowcarbontogether.rides;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The track's own plausibility rules (version {@value #VERSION}), each with a stable name: those that make a ride
 * impossible refuse it, the others hold it for a reviewer. They judge the points, where the recording rules can only
 * judge a distance and a duration.
 * <ul>
 *   <li>{@code RIDE_SPEED}: a sustained stretch (two minutes) faster than the vehicle allows — 32 km/h for a bicycle,
 *       40 km/h for a declared e-bike — holds the ride; faster than 60 km/h sustained, it was no bicycle: refused.
 *   <li>{@code RIDE_TELEPORT}: two consecutive points more than 500 m apart at an implied speed above 150 km/h: refused.
 *   <li>{@code RIDE_GAP}: no point for more than 10 minutes while more than 1 km was covered: held (what happened in
 *       between is unknown, and the distance counts it).
 *   <li>{@code RIDE_OVERLAP}: the rider's own earlier ride overlaps this one in time: held (checked by {@link Rides}).
 *   <li>{@code DUPLICATE_TRACK}: the same recording was credited before, to anyone (its fingerprint is claimed): refused
 *       (by the recording's claims).
 * </ul>
 * {@code RIDE_METRO} (since {@code rides-2}): most of the moving distance along one of the metro or rail lines the
 * programme office imported, at a train's speeds between stops: held (checked by {@link MetroLines}).
 */
final class TrackRules {

    static final String VERSION = "rides-2";
    static final Duration SUSTAINED = Duration.ofMinutes(2);
    static final double IMPOSSIBLE_KMH = 60;
    static final double TELEPORT_METRES = 500;
    static final double TELEPORT_KMH = 150;
    static final Duration GAP = Duration.ofMinutes(10);
    static final double GAP_METRES = 1000;

    private TrackRules() {}

    /** What the rules say: names that refuse, names that hold. */
    record Verdict(List<String> refusing, List<String> holding) {
        boolean refused() {
            return !refusing.isEmpty();
        }
    }

    static double limitKmh(Rides.Vehicle vehicle) {
        return vehicle == Rides.Vehicle.EBIKE ? 40 : 32;
    }

    static Verdict judge(Track track, Rides.Vehicle vehicle) {
        var refusing = new ArrayList<String>();
        var holding = new ArrayList<String>();
        double fastest = 0;
        for (var stretch : track.stretches(SUSTAINED)) {
            fastest = Math.max(fastest, stretch.kmh());
        }
        if (fastest > IMPOSSIBLE_KMH) {
            refusing.add("RIDE_SPEED");
        } else if (fastest > limitKmh(vehicle)) {
            holding.add("RIDE_SPEED");
        }
        var points = track.points();
        boolean teleport = false;
        boolean gap = false;
        for (int i = 1; i < points.size(); i++) {
            var a = points.get(i - 1);
            var b = points.get(i);
            double metres = Track.metres(a, b);
            long seconds = Duration.between(a.time(), b.time()).toSeconds();
            if (metres > TELEPORT_METRES && (seconds <= 0 || metres / seconds * 3.6 > TELEPORT_KMH)) {
                teleport = true;
            }
            if (seconds > GAP.toSeconds() && metres > GAP_METRES) {
                gap = true;
            }
        }
        if (teleport) {
            refusing.add("RIDE_TELEPORT");
        }
        if (gap) {
            holding.add("RIDE_GAP");
        }
        return new Verdict(List.copyOf(refusing), List.copyOf(holding));
    }
}
