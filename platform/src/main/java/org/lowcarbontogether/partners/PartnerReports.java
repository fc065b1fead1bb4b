package org.lowcarbontogether.partners;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What partners sent and what became of it: for an officer, per partner (live activities: sent, credited, held,
 * refused with the reasons, reversed, the reduction credited, per behaviour); for the partner itself, a day's
 * reconciliation (programme calendar) — the totals, and every activity as CSV to compare with its own books.
 */
@Service
public class PartnerReports {

    /** Totals of one behaviour (or of all). */
    public record Totals(
            @Nullable String behaviour, long sent, long credited, long held, long refused, long reversed, long grams) {}

    /** A partner's figures for a mode over a span: totals, per behaviour, and refusals counted by reason. */
    public record Summary(
            UUID partnerId,
            Partners.Mode mode,
            @Nullable LocalDate day,
            Totals total,
            List<Totals> behaviours,
            Map<String, Long> refusals,
            long checked) {}

    private final JdbcClient jdbc;
    private final Partners partners;

    PartnerReports(JdbcClient jdbc, Partners partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** A partner's live figures since it started, for officers. */
    public Summary summary(Actor officer, UUID partnerId) {
        Partners.requireOfficer(officer);
        partners.get(partnerId);
        return summary(partnerId, Partners.Mode.LIVE, null);
    }

    /** The caller's own figures for one day (China Standard Time), in its mode. */
    public Summary day(PartnerActivities.Caller caller, LocalDate day) {
        return summary(caller.partnerId(), caller.mode(), day);
    }

    private Summary summary(UUID partnerId, Partners.Mode mode, @Nullable LocalDate day) {
        var where = " partner_id = :partner and mode = :mode"
                + (day == null ? "" : " and received_at >= :from and received_at < :to");
        var rows = bind(jdbc.sql("""
                                select behaviour, count(*) as sent,
                                    count(*) filter (where outcome = 'CREDITED') as credited,
                                    count(*) filter (where outcome = 'HELD') as held,
                                    count(*) filter (where outcome = 'REFUSED') as refused,
                                    count(*) filter (where outcome = 'REVERSED') as reversed,
                                    count(*) filter (where outcome = 'CHECKED') as checked,
                                    coalesce(sum(reduction_grams) filter (where outcome = 'CREDITED'), 0) as grams
                                from partner_activity where\s""" + where + " group by behaviour order by behaviour"), partnerId, mode, day)
                .query((rs, n) -> new Object[] {
                    new Totals(
                            rs.getString("behaviour"),
                            rs.getLong("sent"),
                            rs.getLong("credited"),
                            rs.getLong("held"),
                            rs.getLong("refused"),
                            rs.getLong("reversed"),
                            rs.getLong("grams")),
                    rs.getLong("checked")
                })
                .list();
        var behaviours = new ArrayList<Totals>();
        long sent = 0, credited = 0, held = 0, refused = 0, reversed = 0, grams = 0, checked = 0;
        for (Object[] row : rows) {
            var t = (Totals) row[0];
            behaviours.add(t);
            sent += t.sent();
            credited += t.credited();
            held += t.held();
            refused += t.refused();
            reversed += t.reversed();
            grams += t.grams();
            checked += (Long) row[1];
        }
        var refusals = new LinkedHashMap<String, Long>();
        bind(
                        jdbc.sql("select reasons[1] as reason, count(*) as n from partner_activity where " + where
                                + " and outcome = 'REFUSED' group by 1 order by 2 desc, 1"),
                        partnerId,
                        mode,
                        day)
                .query((rs, n) -> refusals.put(String.valueOf(rs.getString("reason")), rs.getLong("n")))
                .list();
        return new Summary(
                partnerId,
                mode,
                day,
                new Totals(null, sent, credited, held, refused, reversed, grams),
                behaviours,
                refusals,
                checked);
    }

    private static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec sql, UUID partnerId, Partners.Mode mode, @Nullable LocalDate day) {
        sql = sql.param("partner", partnerId).param("mode", mode.name());
        if (day != null) {
            sql = sql.param("from", Timestamp.from(ProgrammeCalendar.startOf(day)))
                    .param("to", Timestamp.from(ProgrammeCalendar.startOf(day.plusDays(1))));
        }
        return sql;
    }

    /** Every activity the caller sent on a day, with what became of it, as CSV (one row per reference). */
    public String dayCsv(PartnerActivities.Caller caller, LocalDate day) {
        var out = new StringWriter();
        try (var csv = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(
                                "reference",
                                "received_at",
                                "decided_at",
                                "scenario",
                                "behaviour",
                                "claim_key",
                                "outcome",
                                "reasons",
                                "reduction_grams",
                                "methodology_version",
                                "record_id")
                        .get())) {
            bind(jdbc.sql("""
                                    select reference, received_at, decided_at, scenario, behaviour, claim_key, outcome,
                                        array_to_string(reasons, ' ') as reasons, reduction_grams, methodology_version,
                                        record_id
                                    from partner_activity
                                    where partner_id = :partner and mode = :mode
                                        and received_at >= :from and received_at < :to
                                    order by received_at, reference"""), caller.partnerId(), caller.mode(), day).query(rs -> {
                try {
                    csv.printRecord(CsvCells.safe(
                            rs.getString("reference"),
                            rs.getTimestamp("received_at").toInstant().toString(),
                            rs.getTimestamp("decided_at").toInstant().toString(),
                            rs.getString("scenario"),
                            rs.getString("behaviour"),
                            rs.getString("claim_key"),
                            rs.getString("outcome"),
                            rs.getString("reasons"),
                            rs.getLong("reduction_grams"),
                            rs.getString("methodology_version"),
                            rs.getString("record_id")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
