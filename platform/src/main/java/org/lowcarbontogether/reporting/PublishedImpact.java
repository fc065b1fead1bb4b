package org.lowcarbontogether.reporting;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.Participation.Retention;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.reporting.ImpactRollups.Ref;
import org.lowcarbontogether.reporting.ReportedImpact.Assumptions;
import org.lowcarbontogether.reporting.ReportedImpact.Figures;
import org.lowcarbontogether.reporting.ReportedImpact.Line;
import org.lowcarbontogether.reporting.ReportedImpact.Potential;
import org.lowcarbontogether.reporting.ReportedImpact.PotentialLine;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures the public sees of a project or programme: published by calendar month, with disclosure control.
 * <p>
 * A month is published once no record can be made for it any more through the web or the API
 * ({@code lct.recording.max-age} after its end), so a published figure does not move as records arrive and two reads
 * a day apart reveal nothing. A release covers every published month: totals, each month, each category, region and
 * evidence level, and each month by category, region and evidence level — one set of tables with their margins, on
 * which {@link Disclosure} hides every cell of fewer than the minimum number of people and whatever would give one away
 * by subtraction. A release whose total is below the minimum is withheld. Retention and the potential are taken as of
 * the release's last day, under the same rule. Releases are computed once and kept unchanged; a record that reaches a
 * published month later (an organiser's import of an old sheet) shows in the next month's release.
 */
@Service
public class PublishedImpact {

    /** The dimensions each published month is broken down by. */
    static final List<ReportedImpact.Dimension> DIMENSIONS = List.of(
            ReportedImpact.Dimension.CATEGORY, ReportedImpact.Dimension.REGION, ReportedImpact.Dimension.EVIDENCE);

    /** One line of a published table: its figures, or none when it is suppressed. */
    public record Published(
            String key,
            boolean suppressed,
            @Nullable Long behaviours,
            @Nullable Long gramsRecorded,
            @Nullable Long gramsRestated,
            @Nullable Long participants) {

        static Published of(Line line, boolean suppressed) {
            return suppressed
                    ? new Published(line.key(), true, null, null, null, null)
                    : new Published(
                            line.key(),
                            false,
                            line.behaviours(),
                            line.gramsRecorded(),
                            line.gramsRestated(),
                            line.participants());
        }

        /** The line as reports show it, when it is shown. */
        public @Nullable Line line() {
            // a line that is not suppressed was published with all its figures (see of)
            return suppressed
                    ? null
                    : new Line(
                            key,
                            Objects.requireNonNull(behaviours),
                            Objects.requireNonNull(gramsRecorded),
                            Objects.requireNonNull(gramsRestated),
                            Objects.requireNonNull(participants));
        }
    }

    /**
     * A release: the months it covers ({@code from} to the end of {@code through}), whether it is withheld (no month
     * published yet, or fewer people than the minimum), the totals, retention and potential, and the published tables:
     * by month, by each dimension over the whole period, and by each dimension within each month ({@code cells}, keyed
     * by dimension and month).
     */
    public record Release(
            @Nullable YearMonth through,
            LocalDate from,
            LocalDate to,
            @Nullable LocalDate nextPublication,
            boolean withheld,
            @Nullable Figures figures,
            @Nullable Potential potential,
            List<Published> byMonth,
            Map<String, List<Published>> byDimension,
            Map<String, Map<String, List<Published>>> cells,
            int minimumGroupSize,
            Instant computedAt,
            PotentialModels.@Nullable Comparison models) {

        public List<Published> by(ReportedImpact.Dimension dimension) {
            return dimension == ReportedImpact.Dimension.MONTH
                    ? byMonth
                    : byDimension.getOrDefault(dimension.name(), List.of());
        }

        public List<Published> in(ReportedImpact.Dimension dimension, YearMonth month) {
            return cells.getOrDefault(dimension.name(), Map.of()).getOrDefault(month.toString(), List.of());
        }

        /** How many lines of all the tables are suppressed. */
        public int suppressedLines() {
            long count = byMonth.stream().filter(Published::suppressed).count()
                    + byDimension.values().stream()
                            .flatMap(List::stream)
                            .filter(Published::suppressed)
                            .count();
            return (int) count;
        }
    }

    /** The primary: releases are kept there. */
    private final JdbcClient jdbc;

    /** The counters and kept releases are read from the reporting replica, when there is one. */
    private final ReportingReads reads;

    private final ReportedImpact impact;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration lag;
    private final int minimum;
    private final PotentialModels potentialModels;

    PublishedImpact(
            JdbcClient jdbc,
            ReportingReads reads,
            ReportedImpact impact,
            PotentialModels potentialModels,
            JsonMapper json,
            Clock clock,
            @Value("${lct.recording.max-age:P30D}") Duration lag,
            @Value("${lct.open-data.min-group-size:10}") int minimum) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.impact = impact;
        this.potentialModels = potentialModels;
        this.json = json;
        this.clock = clock;
        this.lag = lag;
        this.minimum = minimum;
    }

    public int minimumGroupSize() {
        return minimum;
    }

    /** The last month published today for a roll-up that began on {@code startsOn}, if any. */
    public @Nullable YearMonth publishedThrough(LocalDate startsOn) {
        LocalDate today = ProgrammeCalendar.today(clock);
        YearMonth month = YearMonth.from(today);
        while (!month.atEndOfMonth().plusDays(lag.toDays()).isBefore(today)) {
            month = month.minusMonths(1);
        }
        return month.isBefore(YearMonth.from(startsOn)) ? null : month;
    }

    /** When the month after {@code through} (or the first month) will be published. */
    LocalDate nextPublication(@Nullable YearMonth through, LocalDate startsOn) {
        YearMonth next = through == null ? YearMonth.from(startsOn) : through.plusMonths(1);
        return next.atEndOfMonth().plusDays(lag.toDays() + 1);
    }

    /** The current release of a roll-up that began on {@code startsOn}, computed on first request and kept. */
    public Release release(Ref ref, LocalDate startsOn, Assumptions assumptions) {
        YearMonth through = publishedThrough(startsOn);
        if (through == null) {
            return new Release(
                    null,
                    startsOn,
                    startsOn,
                    nextPublication(null, startsOn),
                    true,
                    null,
                    null,
                    List.of(),
                    Map.of(),
                    Map.of(),
                    minimum,
                    clock.instant(),
                    null);
        }
        String key = assumptions.minWeeks() + "/" + assumptions.windowWeeks() + "/"
                + assumptions.persistence().stripTrailingZeros().toPlainString() + "/" + minimum;
        var stored = storedRelease(reads.jdbc(), ref, through, key);
        if (stored.isEmpty() && reads.fromReplica()) {
            // kept on the primary but not on the replica yet: a release is computed once, so take the kept one
            stored = storedRelease(jdbc, ref, through, key);
        }
        if (stored.isPresent()) {
            return json.readValue(stored.get(), Release.class);
        }
        Release release = compute(ref, startsOn, through, assumptions);
        jdbc.sql("""
                        insert into public_release (rollup_kind, rollup_id, through, assumptions, computed_at, content)
                        values (:kind, :id, :through, :key, :now, cast(:content as jsonb)) on conflict do nothing""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("through", through.toString())
                .param("key", key)
                .param("now", Timestamp.from(release.computedAt()))
                .param("content", json.writeValueAsString(release))
                .update();
        return release;
    }

    private static java.util.Optional<String> storedRelease(JdbcClient client, Ref ref, YearMonth through, String key) {
        return client.sql("""
                        select content::text from public_release
                        where rollup_kind = :kind and rollup_id = :id and through = :through and assumptions = :key""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("through", through.toString())
                .param("key", key)
                .query(String.class)
                .optional();
    }

    /** Computes a release from the counters: the tables, their suppression, and the figures as of its last day. */
    Release compute(Ref ref, LocalDate startsOn, YearMonth through, Assumptions assumptions) {
        LocalDate from = startsOn;
        LocalDate to = through.atEndOfMonth();
        List<Line> months =
                counters(ref, "MONTH", through).stream().map(c -> c.line()).toList();
        Map<String, List<Counter>> cellsByDimension = new LinkedHashMap<>();
        Map<String, List<Line>> dimensionTotals = new LinkedHashMap<>();
        for (var dimension : DIMENSIONS) {
            var cells = counters(ref, "MONTH_" + dimension.name(), through);
            cellsByDimension.put(dimension.name(), cells);
            dimensionTotals.put(dimension.name(), totals(ref, dimension, cells, through));
        }
        long people = reads.jdbc()
                .sql("""
                        select count(distinct user_id) from rollup_user_key
                        where rollup_kind = :kind and rollup_id = :id and key_kind = 'MONTH' and key <= :through and behaviours > 0""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("through", through.toString())
                .query(Long.class)
                .single();

        // One table with margins per dimension; the months and the grand total are shared by all three.
        var cells = new ArrayList<Disclosure.Cell>();
        var relations = new ArrayList<Disclosure.Relation>();
        cells.add(new Disclosure.Cell("ALL", people));
        months.forEach(m -> cells.add(new Disclosure.Cell("M:" + m.key(), m.participants())));
        relations.add(new Disclosure.Relation(
                "ALL", months.stream().map(m -> "M:" + m.key()).toList()));
        for (var dimension : DIMENSIONS) {
            String d = dimension.name();
            var byRow = new TreeMap<String, List<String>>();
            var byColumn = new TreeMap<String, List<String>>();
            for (Counter c : Objects.requireNonNull(cellsByDimension.get(d))) {
                String cell = d + ":" + c.month() + "|" + c.value();
                cells.add(new Disclosure.Cell(cell, c.participants()));
                byRow.computeIfAbsent("M:" + c.month(), k -> new ArrayList<>()).add(cell);
                byColumn.computeIfAbsent(d + ":" + c.value(), k -> new ArrayList<>())
                        .add(cell);
            }
            Objects.requireNonNull(dimensionTotals.get(d))
                    .forEach(t -> cells.add(new Disclosure.Cell(d + ":" + t.key(), t.participants())));
            byRow.forEach((total, parts) -> relations.add(new Disclosure.Relation(total, parts)));
            byColumn.forEach((total, parts) -> relations.add(new Disclosure.Relation(total, parts)));
            relations.add(new Disclosure.Relation(
                    "ALL",
                    Objects.requireNonNull(dimensionTotals.get(d)).stream()
                            .map(t -> d + ":" + t.key())
                            .toList()));
        }
        Set<String> hidden = Disclosure.suppressed(cells, relations, minimum, Set.of("ALL"));
        boolean withheld = people < minimum;

        var figures = withheld ? null : figures(ref, months, people, from, to);
        var potential = withheld ? null : potential(ref, to, assumptions);
        // the models are computed once with the current version and kept with the release: a later version of the
        // models never changes a figure already published
        var models = figures == null
                ? null
                : potentialModels.compare(new PotentialModels.Inputs(
                        potential == null ? null : potential.annualGrams(),
                        assumptions.persistence(),
                        figures.reach().hits(),
                        0));
        var byMonth = months.stream()
                .map(m -> Published.of(m, withheld || hidden.contains("M:" + m.key())))
                .toList();
        var byDimension = new LinkedHashMap<String, List<Published>>();
        var byCell = new LinkedHashMap<String, Map<String, List<Published>>>();
        for (var dimension : DIMENSIONS) {
            String d = dimension.name();
            byDimension.put(
                    d,
                    Objects.requireNonNull(dimensionTotals.get(d)).stream()
                            .map(t -> Published.of(t, withheld || hidden.contains(d + ":" + t.key())))
                            .toList());
            var perMonth = new TreeMap<String, List<Published>>();
            for (Counter c : Objects.requireNonNull(cellsByDimension.get(d))) {
                perMonth.computeIfAbsent(c.month(), k -> new ArrayList<>())
                        .add(Published.of(
                                new Line(
                                        c.value(),
                                        c.behaviours(),
                                        c.gramsRecorded(),
                                        c.gramsRestated(),
                                        c.participants()),
                                withheld || hidden.contains(d + ":" + c.month() + "|" + c.value())));
            }
            byCell.put(d, perMonth);
        }
        return new Release(
                through,
                from,
                to,
                nextPublication(through, startsOn),
                withheld,
                figures,
                potential,
                byMonth,
                byDimension,
                byCell,
                minimum,
                clock.instant(),
                models);
    }

    /** A counter of a month-keyed kind: its month, the value within it (a category, region or level), and the figures. */
    private record Counter(
            String month, String value, long behaviours, long gramsRecorded, long gramsRestated, long participants) {
        Line line() {
            return new Line(value.isEmpty() ? month : value, behaviours, gramsRecorded, gramsRestated, participants);
        }
    }

    private List<Counter> counters(Ref ref, String keyKind, YearMonth through) {
        return reads.jdbc()
                .sql("""
                        select key, behaviours, grams_recorded, grams_restated, participants from rollup_key
                        where rollup_kind = :kind and rollup_id = :id and key_kind = :keyKind and left(key, 7) <= :through
                          and (behaviours <> 0 or participants <> 0)
                        order by key""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("keyKind", keyKind)
                .param("through", through.toString())
                .query((rs, n) -> {
                    String key = rs.getString(1);
                    int bar = key.indexOf('|');
                    String month = bar < 0 ? key : key.substring(0, bar);
                    String value = bar < 0 ? "" : key.substring(bar + 1);
                    return new Counter(month, value, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                })
                .list();
    }

    /** A dimension's lines over all published months: the cells summed, the people counted once across months. */
    private List<Line> totals(Ref ref, ReportedImpact.Dimension dimension, List<Counter> cells, YearMonth through) {
        var people = new HashMap<String, Long>();
        reads.jdbc()
                .sql("""
                        select substr(key, 9) as value, count(distinct user_id) from rollup_user_key
                        where rollup_kind = :kind and rollup_id = :id and key_kind = :keyKind and left(key, 7) <= :through
                          and behaviours > 0
                        group by 1""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("keyKind", "MONTH_" + dimension.name())
                .param("through", through.toString())
                .query((rs, n) -> people.put(rs.getString(1), rs.getLong(2)))
                .list();
        var sums = new TreeMap<String, long[]>();
        for (Counter c : cells) {
            long[] sum = sums.computeIfAbsent(c.value(), k -> new long[3]);
            sum[0] += c.behaviours();
            sum[1] += c.gramsRecorded();
            sum[2] += c.gramsRestated();
        }
        return sums.entrySet().stream()
                .map(e -> new Line(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        people.getOrDefault(e.getKey(), 0L)))
                .toList();
    }

    /** The totals as of the release's last day, with retention shown only when neither kept nor lost people are few. */
    private Figures figures(Ref ref, List<Line> months, long people, LocalDate from, LocalDate to) {
        var filter = ReportedImpact.Filter.period(from, to);
        var retention = impact.retention(ref, filter);
        return new Figures(
                months.stream().mapToLong(Line::behaviours).sum(),
                months.stream().mapToLong(Line::gramsRecorded).sum(),
                months.stream().mapToLong(Line::gramsRestated).sum(),
                people,
                safe(retention[0]),
                safe(retention[1]),
                impact.reachOf(ref, filter));
    }

    private Retention safe(Retention retention) {
        boolean small = retention.retained() < minimum || retention.cohort() - retention.retained() < minimum;
        return small ? new Retention(retention.days(), 0, 0) : retention;
    }

    /**
     * The potential as of the release's last day; behaviours sustained by few people are left out (and one more if
     * needed), and none is published when fewer than the minimum sustain any behaviour.
     */
    private @Nullable Potential potential(Ref ref, LocalDate asOf, Assumptions assumptions) {
        Potential live = impact.potentialAsOf(ref, asOf, assumptions);
        var cells = new ArrayList<Disclosure.Cell>();
        cells.add(new Disclosure.Cell("ALL", live.sustainingParticipants()));
        live.byBehaviour().forEach(l -> cells.add(new Disclosure.Cell(l.behaviour(), l.sustainingParticipants())));
        var hidden = new HashSet<>(Disclosure.suppressed(
                cells,
                List.of(new Disclosure.Relation(
                        "ALL",
                        live.byBehaviour().stream()
                                .map(PotentialLine::behaviour)
                                .toList())),
                minimum,
                Set.of("ALL")));
        if (live.sustainingParticipants() < minimum) {
            return null;
        }
        return new Potential(
                assumptions,
                live.windowFrom(),
                live.windowTo(),
                live.sustainingParticipants(),
                live.annualGrams(),
                live.byBehaviour().stream()
                        .filter(l -> !hidden.contains(l.behaviour()))
                        .toList());
    }
}
