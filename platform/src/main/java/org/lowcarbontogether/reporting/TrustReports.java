package org.lowcarbontogether.reporting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.reporting.ImpactRollups.Ref;
import org.springframework.stereotype.Service;

/**
 * What a funder asks before believing a figure, for a project or programme over a period: how much of the reduction
 * each evidence level and channel brought, how much waits for a reviewer or was refused or reversed, how concentrated
 * it is in a few people, and the outliers — records cut to their ceiling or with atypical inputs, people far above
 * the median.
 * <p>
 * Evidence levels come from the roll-up (what the report counts); channels, held, rejected and reversed records from
 * the records of the people the report counts, over the same days. The public version ({@code minimum} > 0) leaves out
 * any line of fewer than the minimum number of people, and the concentration unless both the top ten and the rest are
 * at least that many.
 */
@Service
public class TrustReports {

    /** How many of the largest contributors the concentration looks at. */
    static final int TOP = 10;
    /** A person whose reduction exceeds this multiple of the median is an outlier. */
    static final int OUTLIER_MULTIPLE = 20;

    /** One line: what a level or channel brought, and its share of the grams; no figures when suppressed. */
    public record Line(
            String key,
            boolean suppressed,
            @Nullable Long records,
            @Nullable Long grams,
            @Nullable Long people,
            @Nullable Double shareOfGrams) {}

    /** Records in a state (waiting for a reviewer, rejected, reversed) and the grams they carry. */
    public record Records(
            boolean suppressed,
            @Nullable Long records,
            @Nullable Long grams,
            @Nullable Long people) {}

    /** How much of the reduction the largest contributors brought. */
    public record Concentration(int top, double shareOfTop, long median) {}

    /**
     * Records the plausibility rules marked (cut to the ceiling, an atypical input, over a day's ceiling), and people
     * whose reduction exceeds {@value #OUTLIER_MULTIPLE} times the median, with their share.
     */
    public record Outliers(
            boolean suppressed,
            @Nullable Long cappedRecords,
            @Nullable Long atypicalRecords,
            @Nullable Long dailyCeilingRecords,
            @Nullable Long people,
            @Nullable Double shareOfGrams) {}

    public record Report(
            LocalDate from,
            LocalDate to,
            Instant computedAt,
            int minimumGroupSize,
            long people,
            long records,
            long grams,
            List<Line> byEvidence,
            List<Line> byChannel,
            Records held,
            Records rejected,
            Records reversed,
            @Nullable Concentration concentration,
            Outliers outliers) {}

    private final ReportingReads reads;
    private final Clock clock;
    private final Cache<String, Report> recent = Caffeine.newBuilder()
            .maximumSize(500)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    TrustReports(ReportingReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    /** The report over a period; {@code minimum} 0 for the office (nothing suppressed), the minimum group size for the public. */
    public Report report(Ref ref, LocalDate from, LocalDate to, int minimum) {
        return recent.get(ref + "|" + from + "|" + to + "|" + minimum, k -> compute(ref, from, to, minimum));
    }

    private Report compute(Ref ref, LocalDate from, LocalDate to, int minimum) {
        var totals = reads.jdbc()
                .sql("""
                        select user_id, sum(behaviours) as behaviours, sum(grams) as grams from rollup_user_day
                        where rollup_kind = :kind and rollup_id = :id and day between :from and :to
                        group by user_id having sum(behaviours) > 0""")
                .params(params(ref, from, to))
                .query((rs, n) -> new long[] {rs.getLong("behaviours"), rs.getLong("grams")})
                .list();
        long people = totals.size();
        long records = totals.stream().mapToLong(t -> t[0]).sum();
        long grams = totals.stream().mapToLong(t -> t[1]).sum();

        var evidence = new TreeMap<String, long[]>();
        reads.jdbc().sql("""
                        select evidence, sum(behaviours), sum(grams), count(distinct user_id) filter (where behaviours > 0)
                        from rollup_user_day where rollup_kind = :kind and rollup_id = :id and day between :from and :to
                        group by evidence""").params(params(ref, from, to)).query(rs -> {
            evidence.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        });
        var byEvidence = lines(evidence, grams, minimum);

        // The records of the people counted, over the same days: by channel and by state.
        var byStatus = new TreeMap<String, long[]>();
        var byChannel = new TreeMap<String, long[]>();
        var reasons = new long[3];
        reads.jdbc().sql("""
                        with people as (
                            select distinct user_id from rollup_user_day
                            where rollup_kind = :kind and rollup_id = :id and day between :from and :to and behaviours > 0
                        )
                        select r.channel, r.status, count(*) as records, coalesce(sum(r.reduction_grams), 0) as grams,
                            count(distinct r.user_id) as people,
                            count(*) filter (where r.reason_codes like '%RECORD_CEILING%') as capped,
                            count(*) filter (where r.reason_codes like '%PARAMETER_ATYPICAL%') as atypical,
                            count(*) filter (where r.reason_codes like '%DAILY_CEILING%') as daily
                        from activity_record r join people p on p.user_id = r.user_id
                        where r.occurred_on between :from and :to
                        group by r.channel, r.status""").params(params(ref, from, to)).query(rs -> {
            String channel = rs.getString("channel");
            String status = rs.getString("status");
            long[] row = {rs.getLong("records"), rs.getLong("grams"), rs.getLong("people")};
            add(byStatus.computeIfAbsent(status, s -> new long[3]), row);
            if (status.equals("CREDITED")) {
                add(byChannel.computeIfAbsent(channel, c -> new long[3]), row);
            }
            reasons[0] += rs.getLong("capped");
            reasons[1] += rs.getLong("atypical");
            reasons[2] += rs.getLong("daily");
        });
        var channels = lines(
                byChannel, byChannel.values().stream().mapToLong(v -> v[1]).sum(), minimum);

        // Concentration and outliers, from each person's total.
        var sorted =
                totals.stream().map(t -> t[1]).sorted(Comparator.reverseOrder()).toList();
        long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
        Concentration concentration = null;
        if (grams > 0 && people >= TOP + Math.max(minimum, 1)) {
            long top = sorted.stream().limit(TOP).mapToLong(Long::longValue).sum();
            concentration = new Concentration(TOP, (double) top / grams, median);
        }
        var outliers = sorted.stream()
                .filter(g -> median > 0 && g > (long) OUTLIER_MULTIPLE * median)
                .toList();
        long outlierGrams = outliers.stream().mapToLong(Long::longValue).sum();
        boolean outliersSuppressed = minimum > 0 && !outliers.isEmpty() && outliers.size() < minimum;
        var outlier = new Outliers(
                outliersSuppressed,
                reasons[0],
                reasons[1],
                reasons[2],
                outliersSuppressed ? null : (long) outliers.size(),
                outliersSuppressed || grams == 0 ? null : (double) outlierGrams / grams);

        return new Report(
                from,
                to,
                clock.instant(),
                minimum,
                people,
                records,
                grams,
                byEvidence,
                channels,
                records(byStatus.get("FLAGGED"), minimum),
                records(byStatus.get("REJECTED"), minimum),
                records(byStatus.get("REVERSED"), minimum),
                concentration,
                outlier);
    }

    /**
     * Lines of (records, grams, people) by key with their shares of {@code total}; for the public, a line of fewer than
     * the minimum number of people is left out, with another where one alone could be worked out from the total.
     */
    private static List<Line> lines(Map<String, long[]> rows, long total, int minimum) {
        var hidden = minimum == 0
                ? Set.<String>of()
                : Disclosure.suppressed(
                        rows.entrySet().stream()
                                .map(e -> new Disclosure.Cell(e.getKey(), e.getValue()[2]))
                                .toList(),
                        List.of(new Disclosure.Relation("=total", List.copyOf(rows.keySet()))),
                        minimum,
                        Set.of());
        var lines = new ArrayList<Line>();
        rows.forEach((key, v) -> lines.add(
                hidden.contains(key)
                        ? new Line(key, true, null, null, null, null)
                        : new Line(key, false, v[0], v[1], v[2], total == 0 ? null : (double) v[1] / total)));
        return lines;
    }

    private static Records records(long @Nullable [] row, int minimum) {
        if (row == null) {
            return new Records(false, 0L, 0L, 0L);
        }
        boolean suppressed = minimum > 0 && row[2] < minimum;
        return suppressed ? new Records(true, null, null, null) : new Records(false, row[0], row[1], row[2]);
    }

    private static void add(long[] sum, long[] row) {
        sum[0] += row[0];
        sum[1] += row[1];
        sum[2] += row[2];
    }

    private static Map<String, Object> params(Ref ref, LocalDate from, LocalDate to) {
        return Map.of("kind", ref.kind().name(), "id", ref.id(), "from", Date.valueOf(from), "to", Date.valueOf(to));
    }
}
