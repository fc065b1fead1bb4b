package org.lowcarbontogether.reporting;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.lowcarbontogether.platform.ReportingReads;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.stereotype.Service;

/** The programme's live impact figures, read from the roll-ups (on the reporting replica, when there is one). */
@Service
public class Impact {

    private final ReportingReads reads;
    private final Clock clock;

    Impact(ReportingReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * Totals since the programme began. {@code directReduction} is as recorded (each record under the version that
     * computed it); {@code restatedReduction} adds the adjustments of restatements under newer versions.
     */
    public record Totals(
            long behaviours,
            CarbonQuantity directReduction,
            CarbonQuantity restatedReduction,
            long participants,
            Instant asOf) {}

    /** One month of the series. */
    public record Month(YearMonth month, long behaviours, CarbonQuantity directReduction) {}

    /** One category's share. */
    public record CategoryShare(String category, long behaviours, CarbonQuantity directReduction) {}

    public Totals totals() {
        // one statement, so the sums and the participants are of one snapshot without a transaction
        var sums = reads.jdbc()
                .sql("""
                        select coalesce(sum(behaviours), 0), coalesce(sum(reduction_grams), 0), coalesce(sum(adjustment_grams), 0),
                            (select count(*) from impact_participant)
                        from impact_daily""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                .single();
        return new Totals(
                sums[0],
                CarbonQuantity.ofGrams(sums[1]),
                CarbonQuantity.ofGrams(sums[1] + sums[2]),
                sums[3],
                clock.instant());
    }

    /** Behaviours and reduction per month of occurrence, for the last {@code months} months. */
    public List<Month> monthly(int months) {
        LocalDate from = YearMonth.now(clock.withZone(ProgrammeCalendar.ZONE))
                .minusMonths(months - 1L)
                .atDay(1);
        return reads.jdbc()
                .sql("""
                        select date_trunc('month', day)::date as month, sum(behaviours) as behaviours, sum(reduction_grams) as grams
                        from impact_daily where day >= :from group by 1 order by 1""")
                .param("from", Date.valueOf(from))
                .query((rs, n) -> new Month(
                        YearMonth.from(rs.getDate("month").toLocalDate()),
                        rs.getLong("behaviours"),
                        CarbonQuantity.ofGrams(rs.getLong("grams"))))
                .list();
    }

    /** Behaviours and reduction (as recorded and restated) per evidence level. */
    public record EvidenceShare(
            String evidence, long behaviours, CarbonQuantity directReduction, CarbonQuantity restatedReduction) {}

    public List<EvidenceShare> byEvidence() {
        return reads.jdbc()
                .sql("""
                        select evidence, sum(behaviours) as behaviours, sum(reduction_grams) as grams, sum(adjustment_grams) as adjustment
                        from impact_evidence_daily group by evidence order by grams desc""")
                .query((rs, n) -> new EvidenceShare(
                        rs.getString("evidence"),
                        rs.getLong("behaviours"),
                        CarbonQuantity.ofGrams(rs.getLong("grams")),
                        CarbonQuantity.ofGrams(rs.getLong("grams") + rs.getLong("adjustment"))))
                .list();
    }

    public List<CategoryShare> byCategory() {
        return reads.jdbc()
                .sql("""
                        select category, sum(behaviours) as behaviours, sum(reduction_grams) as grams
                        from impact_daily group by category order by grams desc""")
                .query((rs, n) -> new CategoryShare(
                        rs.getString("category"),
                        rs.getLong("behaviours"),
                        CarbonQuantity.ofGrams(rs.getLong("grams"))))
                .list();
    }
}
