package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Calculation;

/**
 * The plausibility rules, versioned: a pure function of a new record and the same person's nearby records. Each rule
 * that fires gives a reason code: SPEED, DURATION, DAILY_CAP (quantity), DUPLICATE, OVERLAP, BURST, PARAMETER_ATYPICAL
 * (a declared parameter outside the methodology's typical range), RECORD_CEILING (a reduction above the behaviour's
 * per-record ceiling, credited at most the ceiling) and DAILY_CEILING (the day's reduction of one behaviour above its
 * per-day ceiling). A record is rejected only when it is impossible (a single activity over 24 hours);
 * everything merely unusual is flagged for a reviewer, so honest people are never turned away by a threshold.
 */
public final class Plausibility {

    /** The rule set's version; every record keeps the version that judged it. */
    public static final String VERSION = "2026.12.1";

    /** Records within this many minutes of each other, counted as one burst. */
    static final Duration BURST_WINDOW = Duration.ofMinutes(10);

    static final int BURST_LIMIT = 20;
    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(1);
    static final int MAX_DURATION_MINUTES = 24 * 60;

    /** Highest plausible average speed (km/h) of each travel mode, and longest plausible single activity (minutes). */
    record ModeLimit(int maxKmh, int maxMinutes) {}

    static final Map<String, ModeLimit> TRAVEL = Map.ofEntries(
            Map.entry("WALK_INSTEAD_OF_CAR", new ModeLimit(9, 8 * 60)),
            Map.entry("CYCLE_INSTEAD_OF_CAR", new ModeLimit(45, 14 * 60)),
            Map.entry("CYCLE_INSTEAD_OF_TAXI", new ModeLimit(45, 14 * 60)),
            Map.entry("CYCLE_INSTEAD_OF_BUS", new ModeLimit(45, 14 * 60)),
            Map.entry("CYCLE_INSTEAD_OF_METRO", new ModeLimit(45, 14 * 60)),
            Map.entry("BIKE_SHARE_INSTEAD_OF_CAR", new ModeLimit(35, 8 * 60)),
            Map.entry("SHARED_EBIKE_INSTEAD_OF_CAR", new ModeLimit(30, 8 * 60)),
            Map.entry("BUS_INSTEAD_OF_CAR", new ModeLimit(100, 16 * 60)),
            Map.entry("BUS_INSTEAD_OF_TAXI", new ModeLimit(100, 16 * 60)),
            Map.entry("COACH_INSTEAD_OF_CAR", new ModeLimit(120, 20 * 60)),
            Map.entry("METRO_INSTEAD_OF_CAR", new ModeLimit(120, 6 * 60)),
            Map.entry("METRO_INSTEAD_OF_TAXI", new ModeLimit(120, 6 * 60)),
            Map.entry("LIGHT_RAIL_INSTEAD_OF_CAR", new ModeLimit(100, 6 * 60)),
            Map.entry("RAIL_INSTEAD_OF_CAR", new ModeLimit(360, MAX_DURATION_MINUTES)),
            Map.entry("CARPOOL_INSTEAD_OF_DRIVING", new ModeLimit(150, 16 * 60)),
            Map.entry("EV_INSTEAD_OF_PETROL_CAR", new ModeLimit(150, 16 * 60)),
            Map.entry("HYBRID_INSTEAD_OF_PETROL_CAR", new ModeLimit(150, 16 * 60)));

    private Plausibility() {}

    /**
     * A record being judged: quantity in the behaviour's base unit; duration optional; its calculated reduction and the
     * flags of its calculation; the behaviour's published ceiling of grams per day, where it has one.
     */
    public record Candidate(
            String behaviour,
            BigDecimal quantity,
            BigDecimal dailyCap,
            Instant occurredAt,
            @Nullable Integer durationMinutes,
            long grams,
            @Nullable Long dailyCeilingGrams,
            List<String> calculationFlags) {

        public Candidate(
                String behaviour,
                BigDecimal quantity,
                BigDecimal dailyCap,
                Instant occurredAt,
                @Nullable Integer durationMinutes) {
            this(behaviour, quantity, dailyCap, occurredAt, durationMinutes, 0, null, List.of());
        }
    }

    /** A record the same person made before, on the same day or just before (flagged ones included), with its reduction. */
    public record Prior(
            String behaviour,
            BigDecimal quantity,
            Instant occurredAt,
            @Nullable Integer durationMinutes,
            boolean sameDay,
            long grams) {

        public Prior(
                String behaviour,
                BigDecimal quantity,
                Instant occurredAt,
                @Nullable Integer durationMinutes,
                boolean sameDay) {
            this(behaviour, quantity, occurredAt, durationMinutes, sameDay, 0);
        }
    }

    public enum Outcome {
        ACCEPTED,
        FLAGGED,
        REJECTED
    }

    /** The judgement: an outcome and the reason codes that led to it. */
    public record Verdict(Outcome outcome, List<String> reasons) {}

    /** Whether a record is impossible by itself (a single activity over 24 hours), whatever came before it. */
    public static boolean impossible(@Nullable Integer durationMinutes) {
        return durationMinutes != null && durationMinutes > MAX_DURATION_MINUTES;
    }

    public static Verdict evaluate(Candidate candidate, List<Prior> priors) {
        var reasons = new ArrayList<String>();
        boolean impossible = false;
        ModeLimit limit = TRAVEL.get(candidate.behaviour());
        Integer minutes = candidate.durationMinutes();
        if (minutes != null) {
            if (impossible(minutes)) {
                reasons.add("DURATION");
                impossible = true;
            } else if (limit != null && minutes > limit.maxMinutes()) {
                reasons.add("DURATION");
            }
            if (limit != null && minutes > 0) {
                BigDecimal kmh = candidate
                        .quantity()
                        .multiply(BigDecimal.valueOf(60))
                        .divide(BigDecimal.valueOf(minutes), MathContext.DECIMAL64);
                if (kmh.compareTo(BigDecimal.valueOf(limit.maxKmh())) > 0) {
                    reasons.add("SPEED");
                }
            }
        }
        BigDecimal dayTotal = candidate.quantity();
        long dayGrams = candidate.grams();
        for (Prior prior : priors) {
            if (prior.sameDay() && prior.behaviour().equals(candidate.behaviour())) {
                dayTotal = dayTotal.add(prior.quantity());
                dayGrams += prior.grams();
            }
        }
        if (dayTotal.compareTo(candidate.dailyCap()) > 0) {
            reasons.add("DAILY_CAP");
        }
        // The methodology's limits in grams: a parameter a person declared outside its typical range, a reduction the
        // per-record ceiling cut, a day's reduction of one behaviour beyond its per-day ceiling.
        if (candidate.calculationFlags().contains(Calculation.Flags.ATYPICAL_PARAMETER)) {
            reasons.add("PARAMETER_ATYPICAL");
        }
        if (candidate.calculationFlags().contains(Calculation.Flags.CEILING_APPLIED)) {
            reasons.add("RECORD_CEILING");
        }
        if (candidate.dailyCeilingGrams() != null && dayGrams > candidate.dailyCeilingGrams()) {
            reasons.add("DAILY_CEILING");
        }
        boolean duplicate = priors.stream()
                .anyMatch(p -> p.behaviour().equals(candidate.behaviour())
                        && p.quantity().compareTo(candidate.quantity()) == 0
                        && Duration.between(p.occurredAt(), candidate.occurredAt())
                                        .abs()
                                        .compareTo(DUPLICATE_WINDOW)
                                < 0);
        if (duplicate) {
            reasons.add("DUPLICATE");
        }
        if (limit != null && minutes != null && minutes > 0) {
            Instant start = candidate.occurredAt();
            Instant end = start.plus(Duration.ofMinutes(minutes));
            boolean overlaps = priors.stream()
                    .anyMatch(p -> TRAVEL.containsKey(p.behaviour())
                            && p.durationMinutes() != null
                            && p.durationMinutes() > 0
                            && p.occurredAt().isBefore(end.minus(DUPLICATE_WINDOW))
                            && p.occurredAt()
                                    .plus(Duration.ofMinutes(p.durationMinutes()))
                                    .isAfter(start.plus(DUPLICATE_WINDOW)));
            if (overlaps && !duplicate) {
                reasons.add("OVERLAP");
            }
        }
        long recent = priors.stream()
                .filter(p -> !p.occurredAt().isAfter(candidate.occurredAt())
                        && Duration.between(p.occurredAt(), candidate.occurredAt())
                                        .compareTo(BURST_WINDOW)
                                <= 0)
                .count();
        if (recent >= BURST_LIMIT) {
            reasons.add("BURST");
        }
        Outcome outcome = impossible ? Outcome.REJECTED : reasons.isEmpty() ? Outcome.ACCEPTED : Outcome.FLAGGED;
        return new Verdict(outcome, List.copyOf(reasons));
    }
}
