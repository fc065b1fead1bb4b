package org.lowcarbontogether.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.Participation.Retention;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.reporting.ImpactRollups.Ref;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.stories.Reach;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The programme's impact metrics, one definition for every report (a project, a programme), read from the maintained
 * roll-ups:
 *
 * <ul>
 *   <li><b>behaviours</b>: credited records counted in the period, reversed ones taken out;</li>
 *   <li><b>direct reduction</b>: the sum of credited reductions, as recorded and as restated — never mixed with the
 *       potential;</li>
 *   <li><b>participants</b>: people with a counted behaviour in the period; <b>retained at N days</b>: of those whose
 *       first counted behaviour is at least N days before the period's end, the share with a behaviour N or more days
 *       after their first;</li>
 *   <li><b>reach</b>: views and shares of published stories of the followed communities and campaigns, once per visitor
 *       and day;</li>
 *   <li><b>potential continuing annual reduction</b>: for each behaviour, the people who kept it up — active in at least
 *       {@code minWeeks} of the last {@code windowWeeks} weeks before the period's end — times their observed weekly
 *       reduction, times 52, times a persistence factor; every assumption is shown next to the figure.</li>
 * </ul>
 */
@Service
public class ReportedImpact {

    /** What a report looks at: a period (inclusive), optionally one evidence level, region or category. */
    public record Filter(
            LocalDate from,
            LocalDate to,
            @Nullable String evidence,
            @Nullable String region,
            @Nullable String category) {
        public static Filter period(LocalDate from, LocalDate to) {
            return new Filter(from, to, null, null, null);
        }
    }

    /** Reach — the "hits": views and shares of the published stories of the followed groups. */
    public record ReachFigures(long stories, long views, long shares) {
        public long hits() {
            return views + shares;
        }
    }

    public record Figures(
            long behaviours,
            long gramsRecorded,
            long gramsRestated,
            long participants,
            Retention retained30,
            Retention retained90,
            ReachFigures reach) {}

    public enum Dimension {
        CATEGORY,
        EVIDENCE,
        REGION,
        MONTH
    }

    /** One group of a breakdown; {@code participants} counts people with a behaviour in that group. */
    public record Line(String key, long behaviours, long gramsRecorded, long gramsRestated, long participants) {}

    /** The assumptions of the potential model, shown with its figure and adjustable by the programme office. */
    public record Assumptions(int minWeeks, int windowWeeks, BigDecimal persistence) {}

    public record PotentialLine(String behaviour, long sustainingParticipants, long gramsInWindow, long annualGrams) {}

    public record Potential(
            Assumptions assumptions,
            LocalDate windowFrom,
            LocalDate windowTo,
            long sustainingParticipants,
            long annualGrams,
            List<PotentialLine> byBehaviour) {}

    /** The primary: only the snapshot is written, there. */
    private final JdbcClient jdbc;

    private final ReportingReads reads;
    private final Reach reach;
    private final Clock clock;
    private final TaskExecutor executor;
    private final JsonMapper json;
    private final Set<Ref> refreshing = ConcurrentHashMap.newKeySet();

    /** How old a snapshot of retention and potential may be before a request starts its refresh in the background. */
    static final Duration SNAPSHOT_AGE = Duration.ofMinutes(5);

    private final Methodology methodology;

    ReportedImpact(
            JdbcClient jdbc,
            ReportingReads reads,
            Reach reach,
            Clock clock,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            JsonMapper json,
            Methodology methodology) {
        this.methodology = methodology;
        this.jdbc = jdbc;
        this.reads = reads;
        this.reach = reach;
        this.clock = clock;
        this.executor = executor;
        this.json = json;
    }

    /**
     * Whether a filter covers the roll-up's whole life without narrowing it — the dashboards' default view — so the
     * maintained counters answer it in a few rows instead of a scan.
     */
    boolean wholeLife(Ref ref, Filter filter) {
        if (filter.evidence() != null
                || filter.region() != null
                || filter.category() != null
                || filter.to().isBefore(ProgrammeCalendar.today(clock))) {
            return false;
        }
        var start = reads.jdbc()
                .sql("select min(counts_from) from rollup_source where rollup_kind = :kind and rollup_id = :id")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .query((rs, n) -> rs.getDate(1))
                .optional()
                .orElse(null);
        return start == null || !filter.from().isAfter(start.toLocalDate());
    }

    private List<Line> counters(Ref ref, String keyKind) {
        return reads.jdbc()
                .sql("""
                        select key, behaviours, grams_recorded, grams_restated, participants from rollup_key
                        where rollup_kind = :kind and rollup_id = :id and key_kind = :keyKind order by key""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("keyKind", keyKind)
                .query((rs, n) -> new Line(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /** Retention and the potential of today, for a roll-up's default view: kept, and refreshed when older than a few minutes. */
    record Snapshot(Retention retained30, Retention retained90, Potential potential) {}

    private Snapshot snapshot(Ref ref, Assumptions assumptions) {
        var today = ProgrammeCalendar.today(clock);
        String key = assumptions.minWeeks() + "/" + assumptions.windowWeeks() + "/"
                + assumptions.persistence().stripTrailingZeros().toPlainString();
        var stored = reads.jdbc()
                .sql("""
                        select retention::text, potential::text, computed_at from rollup_snapshot
                        where rollup_kind = :kind and rollup_id = :id and assumptions = :key and as_of = :today""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("key", key)
                .param("today", Date.valueOf(today))
                .query((rs, n) -> new Object[] {
                    rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()
                })
                .optional();
        if (stored.isPresent()) {
            if (((Instant) stored.get()[2]).isBefore(clock.instant().minus(SNAPSHOT_AGE)) && refreshing.add(ref)) {
                executor.execute(() -> {
                    try {
                        computeSnapshot(ref, assumptions, key, today);
                    } finally {
                        refreshing.remove(ref);
                    }
                });
            }
            Retention[] retention = json.readValue((String) stored.get()[0], Retention[].class);
            return new Snapshot(retention[0], retention[1], json.readValue((String) stored.get()[1], Potential.class));
        }
        return computeSnapshot(ref, assumptions, key, today);
    }

    private Snapshot computeSnapshot(Ref ref, Assumptions assumptions, String key, LocalDate today) {
        var retention = retention(ref, Filter.period(LocalDate.of(2000, 1, 1), today));
        var potential = livePotential(ref, today, assumptions);
        jdbc.sql("""
                        insert into rollup_snapshot (rollup_kind, rollup_id, assumptions, as_of, computed_at, retention, potential)
                        values (:kind, :id, :key, :today, :now, cast(:retention as jsonb), cast(:potential as jsonb))
                        on conflict (rollup_kind, rollup_id) do update set assumptions = excluded.assumptions, as_of = excluded.as_of,
                            computed_at = excluded.computed_at, retention = excluded.retention, potential = excluded.potential""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("key", key)
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(clock.instant()))
                .param("retention", json.writeValueAsString(retention))
                .param("potential", json.writeValueAsString(potential))
                .update();
        return new Snapshot(retention[0], retention[1], potential);
    }

    private static final String FILTERS = " " + """
             rollup_kind = :kind and rollup_id = :id and day between cast(:from as date) and cast(:to as date)
              and (cast(:evidence as text) is null or evidence = :evidence)
              and (cast(:region as text) is null or region = :region)
              and (cast(:category as text) is null or category = :category)""";

    public Figures figures(Ref ref, Filter filter) {
        return figures(ref, filter, null);
    }

    /**
     * The figures; a whole-life view reads the counters, and takes retention from the roll-up's snapshot when the
     * caller names the assumptions the snapshot is kept under.
     */
    public Figures figures(Ref ref, Filter filter, @Nullable Assumptions snapshotUnder) {
        if (wholeLife(ref, filter)) {
            var all = counters(ref, "ALL");
            var totals = all.isEmpty() ? new Line("", 0, 0, 0, 0) : all.getFirst();
            Retention[] retention;
            if (snapshotUnder == null) {
                retention = retention(ref, filter);
            } else {
                var snapshot = snapshot(ref, snapshotUnder);
                retention = new Retention[] {snapshot.retained30(), snapshot.retained90()};
            }
            return new Figures(
                    totals.behaviours(),
                    totals.gramsRecorded(),
                    totals.gramsRestated(),
                    totals.participants(),
                    retention[0],
                    retention[1],
                    reachOf(ref, filter));
        }
        return liveFigures(ref, filter);
    }

    private Figures liveFigures(Ref ref, Filter filter) {
        var totals = reads.jdbc()
                .sql("""
                        select coalesce(sum(behaviours), 0), coalesce(sum(grams_recorded), 0), coalesce(sum(grams_restated), 0)
                        from rollup_daily where """ + FILTERS)
                .params(params(ref, filter))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        long participants = reads.jdbc()
                .sql("""
                        select count(*) from (select user_id from rollup_user_day where """ + FILTERS + """
                            group by user_id having sum(behaviours) > 0) active""")
                .params(params(ref, filter))
                .query(Long.class)
                .single();
        var retention = retention(ref, filter);
        return new Figures(
                totals[0], totals[1], totals[2], participants, retention[0], retention[1], reachOf(ref, filter));
    }

    /**
     * Retention as of the period's end, under the same filters: a person's first and last days with a net counted
     * behaviour (reversals cancel their credit on its day), up to the end. A period that ends after today (the current
     * month, a whole-life view to a later day) is judged as of today.
     */
    Retention[] retention(Ref ref, Filter filter) {
        var params = params(ref, filter);
        // Nobody who started fewer than N days ago can have been retained for N days yet: as of a day still to come
        // they would be in the cohort and never retained, understating retention (and a whole-life view, whose
        // snapshot is as of today, disagreed with the same view read live).
        var today = ProgrammeCalendar.today(clock);
        params.put("asOf", Date.valueOf(filter.to().isAfter(today) ? today : filter.to()));
        return reads.jdbc()
                .sql("""
                        with active as (
                            select user_id, day from rollup_user_day
                            where rollup_kind = :kind and rollup_id = :id and day <= cast(:to as date)
                              and (cast(:evidence as text) is null or evidence = :evidence)
                              and (cast(:region as text) is null or region = :region)
                              and (cast(:category as text) is null or category = :category)
                            group by user_id, day having sum(behaviours) > 0
                        ), people as (
                            select user_id, min(day) as first_day, max(day) as last_day from active group by user_id
                        )
                        select count(*) filter (where first_day <= cast(:asOf as date) - 30) as cohort30,
                            count(*) filter (where first_day <= cast(:asOf as date) - 30 and last_day >= first_day + 30) as retained30,
                            count(*) filter (where first_day <= cast(:asOf as date) - 90) as cohort90,
                            count(*) filter (where first_day <= cast(:asOf as date) - 90 and last_day >= first_day + 90) as retained90
                        from people""")
                .params(params)
                .query((rs, n) -> new Retention[] {
                    new Retention(30, rs.getLong("cohort30"), rs.getLong("retained30")),
                    new Retention(90, rs.getLong("cohort90"), rs.getLong("retained90"))
                })
                .single();
    }

    ReachFigures reachOf(Ref ref, Filter filter) {
        var scopes = reads.jdbc()
                .sql("select scope_kind, scope_id from rollup_source where rollup_kind = :kind and rollup_id = :id")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, UUID.class)})
                .list();
        List<UUID> communities = scopes.stream()
                .filter(s -> s[0].equals("COMMUNITY"))
                .map(s -> (UUID) s[1])
                .toList();
        List<UUID> campaigns = scopes.stream()
                .filter(s -> s[0].equals("CAMPAIGN"))
                .map(s -> (UUID) s[1])
                .toList();
        var figures = reach.of(communities, campaigns, filter.from(), filter.to());
        return new ReachFigures(figures.stories(), figures.views(), figures.shares());
    }

    public List<Line> breakdown(Ref ref, Filter filter, Dimension dimension) {
        if (wholeLife(ref, filter)) {
            return counters(ref, dimension.name());
        }
        String key = switch (dimension) {
            case CATEGORY -> "category";
            case EVIDENCE -> "evidence";
            case REGION -> "region";
            case MONTH -> "to_char(day, 'YYYY-MM')";
        };
        // Participants per group: people with a net positive number of behaviours in it.
        return reads.jdbc()
                .sql("""
                        with totals as (
                            select %1$s as key, sum(behaviours) as behaviours, sum(grams_recorded) as recorded, sum(grams_restated) as restated
                            from rollup_daily where %2$s group by 1
                        ), people as (
                            select key, count(*) as participants from (
                                select %1$s as key, user_id from rollup_user_day where %2$s
                                group by 1, user_id having sum(behaviours) > 0) p
                            group by key
                        )
                        select t.key, t.behaviours, t.recorded, t.restated, coalesce(p.participants, 0) as participants
                        from totals t left join people p on p.key = t.key order by t.key""".formatted(key, FILTERS))
                .params(params(ref, filter))
                .query((rs, n) -> new Line(
                        rs.getString("key"),
                        rs.getLong("behaviours"),
                        rs.getLong("recorded"),
                        rs.getLong("restated"),
                        rs.getLong("participants")))
                .list();
    }

    /**
     * The potential continuing annual reduction as of {@code asOf}, under the given assumptions (today's from the
     * snapshot). A day after today is today: a window reaching into days nobody has lived yet would count weeks nobody
     * could have been active in, and show fewer people keeping a behaviour up than do (the current month's view).
     */
    public Potential potential(Ref ref, LocalDate asOf, Assumptions assumptions) {
        if (!asOf.isBefore(ProgrammeCalendar.today(clock))) {
            return snapshot(ref, assumptions).potential();
        }
        return livePotential(ref, asOf, assumptions);
    }

    /** The methodology versions of the ledger entries a roll-up counted, oldest first: what an auditor recomputes with. */
    public List<String> methodologyVersions(Ref ref) {
        var versions = new ArrayList<String>();
        reads.jdbc()
                .sql("""
                        select distinct l.methodology_version from rollup_counted_entry c join ledger_entry l on l.id = c.entry_id
                        where c.rollup_kind = :kind and c.rollup_id = :id""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .query(rs -> {
                    versions.add(Objects.requireNonNull(rs.getString(1)));
                });
        versions.sort(Methodology::compareVersions);
        return versions;
    }

    /** One gas basis's share of a roll-up's whole-life reduction: how many behaviours, and their grams. */
    public record GasShare(Methodology.GasBasisGroup basis, long behaviours, long gramsRecorded, long gramsRestated) {}

    /**
     * The whole-life reduction split by the gas basis of each behaviour's factors (CO2e, CO2 only, mixed), so a report
     * can say what its "CO2e" total is made of. For the programme's office: a group can be small.
     */
    public List<GasShare> byGasBasis(Ref ref) {
        var bases = methodology.gasBases();
        var sums = new EnumMap<Methodology.GasBasisGroup, long[]>(Methodology.GasBasisGroup.class);
        for (Line line : counters(ref, "BEHAVIOUR")) {
            var basis = bases.getOrDefault(line.key(), Methodology.GasBasisGroup.CO2E);
            long[] sum = sums.computeIfAbsent(basis, b -> new long[3]);
            sum[0] += line.behaviours();
            sum[1] += line.gramsRecorded();
            sum[2] += line.gramsRestated();
        }
        return sums.entrySet().stream()
                .map(e -> new GasShare(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
                .toList();
    }

    /** The potential as of a past day, computed from the roll-up (not the snapshot). */
    Potential potentialAsOf(Ref ref, LocalDate asOf, Assumptions assumptions) {
        return livePotential(ref, asOf, assumptions);
    }

    private Potential livePotential(Ref ref, LocalDate asOf, Assumptions assumptions) {
        LocalDate windowFrom = asOf.minusDays(7L * assumptions.windowWeeks() - 1);
        var lines = reads
                .jdbc()
                .sql("""
                        with kept as (
                            select user_id, behaviour, count(distinct (cast(:to as date) - day) / 7) filter (where behaviours > 0) as weeks,
                                sum(grams) as grams
                            from rollup_user_day
                            where rollup_kind = :kind and rollup_id = :id and day between cast(:from as date) and cast(:to as date)
                            group by user_id, behaviour
                        )
                        select behaviour, count(*) filter (where weeks >= :minWeeks) as sustaining,
                            coalesce(sum(grams) filter (where weeks >= :minWeeks), 0) as grams
                        from kept group by behaviour order by behaviour""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("from", Date.valueOf(windowFrom))
                .param("to", Date.valueOf(asOf))
                .param("minWeeks", assumptions.minWeeks())
                .query((rs, n) -> {
                    long grams = rs.getLong("grams");
                    // observed weekly rate × 52 weeks × persistence, rounded down: a projection never rounds up
                    long annual = BigDecimal.valueOf(grams)
                            .multiply(BigDecimal.valueOf(52))
                            .multiply(assumptions.persistence())
                            .divide(BigDecimal.valueOf(assumptions.windowWeeks()), 0, RoundingMode.DOWN)
                            .longValueExact();
                    return new PotentialLine(
                            rs.getString("behaviour"), rs.getLong("sustaining"), grams, Math.max(0, annual));
                })
                .list()
                .stream()
                .filter(l -> l.sustainingParticipants() > 0)
                .toList();
        long sustaining = reads.jdbc()
                .sql("""
                        select count(distinct user_id) from (
                            select user_id, behaviour from rollup_user_day
                            where rollup_kind = :kind and rollup_id = :id and day between cast(:from as date) and cast(:to as date)
                            group by user_id, behaviour
                            having count(distinct (cast(:to as date) - day) / 7) filter (where behaviours > 0) >= :minWeeks) k""")
                .param("kind", ref.kind().name())
                .param("id", ref.id())
                .param("from", Date.valueOf(windowFrom))
                .param("to", Date.valueOf(asOf))
                .param("minWeeks", assumptions.minWeeks())
                .query(Long.class)
                .single();
        return new Potential(
                assumptions,
                windowFrom,
                asOf,
                sustaining,
                lines.stream().mapToLong(PotentialLine::annualGrams).sum(),
                lines);
    }

    private static Map<String, @Nullable Object> params(Ref ref, Filter filter) {
        var params = new HashMap<String, @Nullable Object>();
        params.put("kind", ref.kind().name());
        params.put("id", ref.id());
        params.put("from", Date.valueOf(filter.from()));
        params.put("to", Date.valueOf(filter.to()));
        params.put(
                "evidence", filter.evidence() == null ? null : filter.evidence().toUpperCase(Locale.ROOT));
        params.put("region", filter.region());
        params.put(
                "category", filter.category() == null ? null : filter.category().toUpperCase(Locale.ROOT));
        return params;
    }
}
