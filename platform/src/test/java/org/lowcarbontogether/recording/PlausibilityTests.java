package org.lowcarbontogether.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.methodology.MethodologyDocuments;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.recording.Plausibility.Candidate;
import org.lowcarbontogether.recording.Plausibility.Outcome;
import org.lowcarbontogether.recording.Plausibility.Prior;
import org.lowcarbontogether.recording.Plausibility.Verdict;
import org.lowcarbontogether.shared.ProgrammeCalendar;

/**
 * The plausibility rules against a labelled fixture set (src/test/resources/plausibility/fixtures.csv, 347 records
 * labelled by real-world judgement, not by the rules' thresholds). Precision and recall are written to
 * target/plausibility-report.txt. The bar: every implausible record flagged or rejected, no plausible record rejected.
 */
class PlausibilityTests {

    record Fixture(
            String person,
            String behaviour,
            BigDecimal baseQuantity,
            BigDecimal dailyCap,
            Instant occurredAt,
            Integer duration,
            boolean implausible,
            String reason,
            String note) {}

    @Test
    void meetsTheBarOnTheLabelledFixtureSet() throws Exception {
        MethodologyVersion catalogue;
        try (var in = getClass().getResourceAsStream("/methodology/lct-1.1.0.json")) {
            catalogue = MethodologyDocuments.read(in);
        }
        Map<String, List<Fixture>> byPerson = new LinkedHashMap<>();
        try (var reader = new InputStreamReader(
                getClass().getResourceAsStream("/plausibility/fixtures.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)) {
                var behaviour = catalogue.behaviour(r.get("behaviour")).orElseThrow();
                BigDecimal base = new BigDecimal(r.get("quantity"))
                        .multiply(behaviour.unitConversions().get(r.get("unit")));
                byPerson.computeIfAbsent(r.get("person"), k -> new ArrayList<>())
                        .add(new Fixture(
                                r.get("person"),
                                behaviour.code(),
                                base,
                                behaviour.maxPerDay(),
                                OffsetDateTime.parse(r.get("occurred_at")).toInstant(),
                                r.get("duration_minutes").isEmpty() ? null : Integer.valueOf(r.get("duration_minutes")),
                                r.get("label").equals("IMPLAUSIBLE"),
                                r.get("reason"),
                                r.get("note")));
            }
        }
        int tp = 0, fp = 0, fn = 0, tn = 0, rejectedPlausible = 0, reasonMatches = 0;
        var misses = new ArrayList<String>();
        var byReason = new TreeMap<String, int[]>();
        for (var rows : byPerson.values()) {
            var priors = new ArrayList<Prior>();
            for (Fixture f : rows) {
                LocalDate day = f.occurredAt().atZone(ProgrammeCalendar.ZONE).toLocalDate();
                var context = priors.stream()
                        .map(p -> new Prior(
                                p.behaviour(),
                                p.quantity(),
                                p.occurredAt(),
                                p.durationMinutes(),
                                p.occurredAt()
                                        .atZone(ProgrammeCalendar.ZONE)
                                        .toLocalDate()
                                        .equals(day)))
                        .toList();
                Verdict verdict = Plausibility.evaluate(
                        new Candidate(f.behaviour(), f.baseQuantity(), f.dailyCap(), f.occurredAt(), f.duration()),
                        context);
                boolean caught = verdict.outcome() != Outcome.ACCEPTED;
                if (f.implausible()) {
                    byReason.computeIfAbsent(f.reason(), k -> new int[2])[caught ? 0 : 1]++;
                    if (caught) {
                        tp++;
                        if (verdict.reasons().contains(f.reason())) {
                            reasonMatches++;
                        }
                    } else {
                        fn++;
                        misses.add("missed " + f.reason() + ": " + f.note());
                    }
                } else if (caught) {
                    fp++;
                    misses.add("flagged plausible " + verdict.reasons() + ": " + f.note());
                    if (verdict.outcome() == Outcome.REJECTED) {
                        rejectedPlausible++;
                    }
                } else {
                    tn++;
                }
                if (verdict.outcome() != Outcome.REJECTED) {
                    priors.add(new Prior(f.behaviour(), f.baseQuantity(), f.occurredAt(), f.duration(), true));
                }
            }
        }
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        var report = new StringBuilder()
                .append("Plausibility rules ")
                .append(Plausibility.VERSION)
                .append(" on ")
                .append(tp + fp + fn + tn)
                .append(" labelled records\n")
                .append("true positives ")
                .append(tp)
                .append(", false positives ")
                .append(fp)
                .append(", false negatives ")
                .append(fn)
                .append(", true negatives ")
                .append(tn)
                .append('\n')
                .append(String.format(
                        "precision %.3f, recall %.3f, reason agreement %d/%d, plausible records rejected %d%n",
                        precision, recall, reasonMatches, tp, rejectedPlausible));
        byReason.forEach((reason, counts) ->
                report.append(String.format("  %-9s caught %d, missed %d%n", reason, counts[0], counts[1])));
        misses.forEach(m -> report.append("  - ").append(m).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "plausibility-report.txt"), report);
        System.out.print(report);

        assertThat(tp + fp + fn + tn).isGreaterThanOrEqualTo(200);
        assertThat(rejectedPlausible).as(report.toString()).isZero();
        assertThat(recall).as(report.toString()).isEqualTo(1.0);
        assertThat(precision).as(report.toString()).isGreaterThanOrEqualTo(0.9);
    }
}
