package org.lowcarbontogether.reporting;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.lowcarbontogether.ledger.ReductionAdjusted;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the impact roll-ups: per day and category, and the set of participants. Runs after the credit commits, in its
 * own transaction, and is retried from the event publication registry if it fails; each entry is counted once even
 * when its event is delivered again.
 */
@Component
class ImpactRollup {

    private final JdbcClient jdbc;

    ImpactRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts a batch of credits: each entry once (a redelivered batch adds nothing), summed in memory first so each
     * day's row is moved once per batch — these rows are shared by everyone, and moving them once per credit made
     * concurrent batches queue behind each other. Rows are moved in key order, so two batches never deadlock.
     */
    @ApplicationModuleListener
    void on(ReductionsCredited batch) {
        var fresh = new HashSet<>(jdbc.sql("""
                        insert into impact_counted_entry (entry_id) select unnest(:ids) on conflict do nothing returning entry_id""")
                .param(
                        "ids",
                        new SqlArrayValue(
                                "uuid",
                                batch.credits().stream()
                                        .map(ReductionCredited::entryId)
                                        .toArray()))
                .query(UUID.class)
                .list());
        var byCategory = new TreeMap<String, long[]>();
        var byEvidence = new TreeMap<String, long[]>();
        var people = new TreeMap<UUID, LocalDate[]>();
        for (ReductionCredited credited : batch.credits()) {
            if (!fresh.remove(credited.entryId())) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(credited.occurredAt(), ProgrammeCalendar.ZONE);
            add(byCategory, day + "|" + credited.category(), credited.grams());
            add(byEvidence, day + "|" + credited.evidence(), credited.grams());
            people.merge(credited.userId(), new LocalDate[] {day, day}, (a, b) ->
                    new LocalDate[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
        }
        if (people.isEmpty()) {
            return;
        }
        addDaily("impact_daily", "category", byCategory);
        addDaily("impact_evidence_daily", "evidence", byEvidence);
        // A person's span moves only when a credit falls outside it; otherwise the row is left alone rather than
        // rewritten unchanged (it was one row version per credit).
        jdbc.sql("""
                        insert into impact_participant (user_id, first_day, last_day)
                        select p.user_id, p.first_day, p.last_day
                        from unnest(:users, :firsts, :lasts) with ordinality as p(user_id, first_day, last_day, n) order by p.n
                        on conflict (user_id) do update set first_day = least(impact_participant.first_day, excluded.first_day),
                            last_day = greatest(impact_participant.last_day, excluded.last_day)
                        where excluded.first_day < impact_participant.first_day or excluded.last_day > impact_participant.last_day""")
                .param("users", new SqlArrayValue("uuid", people.keySet().toArray()))
                .param(
                        "firsts",
                        new SqlArrayValue(
                                "date",
                                people.values().stream()
                                        .map(d -> Date.valueOf(d[0]))
                                        .toArray()))
                .param(
                        "lasts",
                        new SqlArrayValue(
                                "date",
                                people.values().stream()
                                        .map(d -> Date.valueOf(d[1]))
                                        .toArray()))
                .update();
    }

    /** Adds a batch's sums to a daily table keyed by day and {@code column}: one upsert, rows in key order. */
    private void addDaily(String table, String column, Map<String, long[]> sums) {
        jdbc.sql("""
                        insert into %1$s (day, %2$s, behaviours, reduction_grams)
                        select r.day, r.key, r.behaviours, r.grams
                        from unnest(:days, :keys, :counts, :grams) with ordinality as r(day, key, behaviours, grams, n) order by r.n
                        on conflict (day, %2$s) do update set behaviours = %1$s.behaviours + excluded.behaviours,
                            reduction_grams = %1$s.reduction_grams + excluded.reduction_grams""".formatted(table, column))
                .param("days", days(sums))
                .param("keys", keys(sums))
                .param("counts", column(sums, 0))
                .param("grams", column(sums, 1))
                .update();
    }

    private static void add(Map<String, long[]> sums, String key, long grams) {
        long[] sum = sums.computeIfAbsent(key, k -> new long[2]);
        sum[0]++;
        sum[1] += grams;
    }

    private static SqlArrayValue days(Map<String, long[]> sums) {
        return new SqlArrayValue(
                "date",
                sums.keySet().stream()
                        .map(k -> Date.valueOf(k.substring(0, k.indexOf('|'))))
                        .toArray());
    }

    private static SqlArrayValue keys(Map<String, long[]> sums) {
        return new SqlArrayValue(
                "text",
                sums.keySet().stream().map(k -> k.substring(k.indexOf('|') + 1)).toArray());
    }

    private static SqlArrayValue column(Map<String, long[]> sums, int index) {
        return new SqlArrayValue(
                "int8", sums.values().stream().map(v -> v[index]).toArray());
    }

    /** A restatement's adjustment moves the restated figure of the day the activity happened, not the recorded one. */
    @ApplicationModuleListener
    void on(ReductionAdjusted adjusted) {
        int fresh = jdbc.sql("insert into impact_counted_entry (entry_id) values (:id) on conflict do nothing")
                .param("id", adjusted.entryId())
                .update();
        if (fresh == 0) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(adjusted.occurredAt(), ProgrammeCalendar.ZONE);
        jdbc.sql("""
                        insert into impact_daily (day, category, behaviours, reduction_grams, adjustment_grams)
                        values (:day, :category, 0, 0, :grams)
                        on conflict (day, category) do update set adjustment_grams = impact_daily.adjustment_grams + excluded.adjustment_grams""")
                .param("day", Date.valueOf(day))
                .param("category", adjusted.category())
                .param("grams", adjusted.deltaGrams())
                .update();
        byEvidence(day, adjusted.evidence(), 0, 0, adjusted.deltaGrams());
    }

    /** A reversed record no longer counts: one behaviour fewer, its recorded and restated reduction taken back. */
    @ApplicationModuleListener
    void on(ReductionReversed reversed) {
        int fresh = jdbc.sql("insert into impact_counted_entry (entry_id) values (:id) on conflict do nothing")
                .param("id", reversed.entryId())
                .update();
        if (fresh == 0) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(reversed.occurredAt(), ProgrammeCalendar.ZONE);
        long adjustments = -reversed.grams() - reversed.creditedGrams();
        jdbc.sql("""
                        insert into impact_daily (day, category, behaviours, reduction_grams, adjustment_grams)
                        values (:day, :category, -1, :credited, :adjustments)
                        on conflict (day, category) do update set behaviours = impact_daily.behaviours - 1,
                            reduction_grams = impact_daily.reduction_grams + excluded.reduction_grams,
                            adjustment_grams = impact_daily.adjustment_grams + excluded.adjustment_grams""")
                .param("day", Date.valueOf(day))
                .param("category", reversed.category())
                .param("credited", -reversed.creditedGrams())
                .param("adjustments", -adjustments)
                .update();
        byEvidence(day, reversed.evidence(), -1, -reversed.creditedGrams(), -adjustments);
    }

    /** The same figures per evidence level, so reports can split self-reported from verified behaviour. */
    private void byEvidence(LocalDate day, String evidence, long behaviours, long grams, long adjustment) {
        jdbc.sql("""
                        insert into impact_evidence_daily (day, evidence, behaviours, reduction_grams, adjustment_grams)
                        values (:day, :evidence, :behaviours, :grams, :adjustment)
                        on conflict (day, evidence) do update set behaviours = impact_evidence_daily.behaviours + excluded.behaviours,
                            reduction_grams = impact_evidence_daily.reduction_grams + excluded.reduction_grams,
                            adjustment_grams = impact_evidence_daily.adjustment_grams + excluded.adjustment_grams""")
                .param("day", Date.valueOf(day))
                .param("evidence", evidence)
                .param("behaviours", behaviours)
                .param("grams", grams)
                .param("adjustment", adjustment)
                .update();
    }
}
