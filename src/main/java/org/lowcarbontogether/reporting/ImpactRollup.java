package org.lowcarbontogether.reporting;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import org.lowcarbontogether.ledger.ReductionAdjusted;
import org.lowcarbontogether.ledger.ReductionCredited;
import org.lowcarbontogether.ledger.ReductionReversed;
import org.lowcarbontogether.ledger.ReductionsCredited;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the impact roll-ups: per day and category, and the set of participants. Runs after the credit commits, in its
 * own transaction, and is retried from the event publication registry if it fails; each entry is counted once even
 * when its event is delivered again.
 */
@Component
class ImpactRollup {

    static final ZoneId PROGRAMME_ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;

    ImpactRollup(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(ReductionsCredited batch) {
        batch.credits().forEach(this::count);
    }

    private void count(ReductionCredited credited) {
        // One round trip: count the entry once, then move the day, the evidence level and the participant with it.
        jdbc.sql("""
                        with counted as (
                            insert into impact_counted_entry (entry_id) values (:id) on conflict do nothing returning entry_id
                        ), daily as (
                            insert into impact_daily (day, category, behaviours, reduction_grams)
                            select cast(:day as date), cast(:category as text), 1, cast(:grams as bigint) from counted
                            on conflict (day, category) do update set behaviours = impact_daily.behaviours + 1,
                                reduction_grams = impact_daily.reduction_grams + excluded.reduction_grams
                        ), evidence as (
                            insert into impact_evidence_daily (day, evidence, behaviours, reduction_grams, adjustment_grams)
                            select cast(:day as date), cast(:evidence as text), 1, cast(:grams as bigint), 0 from counted
                            on conflict (day, evidence) do update set behaviours = impact_evidence_daily.behaviours + 1,
                                reduction_grams = impact_evidence_daily.reduction_grams + excluded.reduction_grams
                        )
                        insert into impact_participant (user_id, first_day, last_day)
                        select cast(:user as uuid), cast(:day as date), cast(:day as date) from counted
                        on conflict (user_id) do update set first_day = least(impact_participant.first_day, excluded.first_day),
                            last_day = greatest(impact_participant.last_day, excluded.last_day)""")
                .param("id", credited.entryId())
                .param("day", Date.valueOf(LocalDate.ofInstant(credited.occurredAt(), PROGRAMME_ZONE)))
                .param("category", credited.category())
                .param("evidence", credited.evidence())
                .param("grams", credited.grams())
                .param("user", credited.userId())
                .update();
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
        LocalDate day = LocalDate.ofInstant(adjusted.occurredAt(), PROGRAMME_ZONE);
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
        LocalDate day = LocalDate.ofInstant(reversed.occurredAt(), PROGRAMME_ZONE);
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
