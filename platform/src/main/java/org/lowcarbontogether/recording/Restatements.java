package org.lowcarbontogether.recording;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Calculator;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restatement: recomputes a chosen set of past records under a newer published version and books each difference
 * as an adjusting ledger entry. History is never overwritten — the original entry keeps its version and figure; the
 * record notes the version it now stands at. Records the newer version cannot credit (a factor missing) are left as
 * they were and counted, since unknown is never zero. Running the same restatement again changes nothing.
 */
@Service
public class Restatements {

    private static final Logger log = LoggerFactory.getLogger(Restatements.class);
    static final int BATCH = 500;

    private final Methodology methodology;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Restatements(
            Methodology methodology,
            Ledger ledger,
            JdbcClient jdbc,
            JsonMapper json,
            TransactionTemplate transactions,
            Clock clock) {
        this.methodology = methodology;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Which records to restate, under which version, and why. */
    public record Request(
            String targetVersion,
            @Nullable List<String> behaviours,
            @Nullable LocalDate occurredFrom,
            @Nullable LocalDate occurredTo,
            String reason) {}

    /** What a restatement did. */
    public record Report(
            UUID id,
            String targetVersion,
            long examined,
            long adjusted,
            long unchanged,
            long notCredited,
            long deltaGrams,
            Instant startedAt,
            @Nullable Instant finishedAt,
            String reason)
            implements Serializable {}

    private record Candidate(
            UUID userId,
            UUID id,
            String behaviour,
            BigDecimal quantity,
            String unit,
            LocalDate occurredOn,
            Instant occurredAt,
            @Nullable String region,
            Map<String, BigDecimal> parameters,
            String effectiveVersion,
            long effectiveGrams) {}

    public Report restate(Actor actor, Request request) {
        if (!actor.hasRole(Role.REVIEWER) && !actor.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        if (request.targetVersion() == null || request.targetVersion().isBlank()) {
            throw Refusal.invalid("field-required", "targetVersion", "targetVersion");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw Refusal.invalid("restatement-reason-required", "reason");
        }
        var target = methodology
                .published(request.targetVersion())
                .filter(p -> !p.retired())
                .orElseThrow(() ->
                        Refusal.unacceptable("methodology-version-unknown", "targetVersion", request.targetVersion()))
                .version();
        UUID id = UUID.randomUUID();
        Instant startedAt = clock.instant();
        jdbc.sql("""
                        insert into restatement (id, target_version, behaviours, occurred_from, occurred_to, reason, actor_id, started_at)
                        values (:id, :target, :behaviours, :from, :to, :reason, :actor, :now)""")
                .param("id", id)
                .param("target", target.version())
                .param("behaviours", request.behaviours() == null ? null : String.join(",", request.behaviours()))
                .param("from", request.occurredFrom() == null ? null : Date.valueOf(request.occurredFrom()))
                .param("to", request.occurredTo() == null ? null : Date.valueOf(request.occurredTo()))
                .param("reason", request.reason().strip())
                .param("actor", actor.id())
                .param("now", Timestamp.from(startedAt))
                .update();

        long[] totals = new long[5]; // examined, adjusted, unchanged, not credited, delta
        // PostgreSQL orders uuids as unsigned bytes, so the all-zero uuid comes first.
        UUID afterUser = new UUID(0, 0);
        UUID afterId = new UUID(0, 0);
        while (true) {
            List<Candidate> batch = candidates(request, target.version(), afterUser, afterId);
            if (batch.isEmpty()) {
                break;
            }
            transactions.executeWithoutResult(status -> {
                for (Candidate record : batch) {
                    if (Methodology.compareVersions(record.effectiveVersion(), target.version()) >= 0) {
                        continue;
                    }
                    totals[0]++;
                    restateOne(record, target, id, totals);
                }
            });
            Candidate last = batch.getLast();
            afterUser = last.userId();
            afterId = last.id();
        }
        Instant finishedAt = clock.instant();
        jdbc.sql("""
                        update restatement set finished_at = :now, records_examined = :examined, records_adjusted = :adjusted,
                            records_unchanged = :unchanged, records_not_credited = :notCredited, delta_grams = :delta
                        where id = :id""")
                .param("now", Timestamp.from(finishedAt))
                .param("examined", totals[0])
                .param("adjusted", totals[1])
                .param("unchanged", totals[2])
                .param("notCredited", totals[3])
                .param("delta", totals[4])
                .param("id", id)
                .update();
        log.info(
                "Restatement {} to {}: {} records examined, {} adjusted by {} g in total, {} not creditable",
                id,
                target.version(),
                totals[0],
                totals[1],
                totals[4],
                totals[3]);
        return new Report(
                id,
                target.version(),
                totals[0],
                totals[1],
                totals[2],
                totals[3],
                totals[4],
                startedAt,
                finishedAt,
                request.reason().strip());
    }

    private void restateOne(Candidate record, MethodologyVersion target, UUID restatementId, long[] totals) {
        var input = new ActivityInput(
                record.behaviour(),
                record.quantity(),
                record.unit(),
                record.occurredOn(),
                record.region(),
                record.parameters());
        Calculation calculation = Calculator.calculate(target, input);
        if (!(calculation instanceof Calculation.Credited credited)) {
            totals[3]++;
            return;
        }
        long delta = credited.reductionGrams() - record.effectiveGrams();
        if (delta != 0) {
            ledger.adjust(
                    record.userId(),
                    record.id(),
                    delta,
                    credited,
                    record.occurredAt(),
                    record.effectiveVersion(),
                    restatementId);
            totals[1]++;
            totals[4] += delta;
        } else {
            totals[2]++;
        }
        jdbc.sql("""
                        update activity_record set effective_version = :version, effective_grams = :grams
                        where user_id = :user and id = :id""")
                .param("version", target.version())
                .param("grams", credited.reductionGrams())
                .param("user", record.userId())
                .param("id", record.id())
                .update();
    }

    /** Past reports, newest first. */
    public List<Report> reports() {
        return jdbc.sql("""
                        select id, target_version, records_examined, records_adjusted, records_unchanged, records_not_credited,
                            delta_grams, started_at, finished_at, reason
                        from restatement order by started_at desc limit 100""")
                .query((rs, n) -> new Report(
                        rs.getObject("id", UUID.class),
                        rs.getString("target_version"),
                        rs.getLong("records_examined"),
                        rs.getLong("records_adjusted"),
                        rs.getLong("records_unchanged"),
                        rs.getLong("records_not_credited"),
                        rs.getLong("delta_grams"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null
                                ? null
                                : rs.getTimestamp("finished_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }

    private List<Candidate> candidates(Request request, String target, UUID afterUser, UUID afterId) {
        var sql = new StringBuilder("""
                select user_id, id, behaviour, quantity, unit, occurred_on, occurred_at, region, parameters::text as parameters,
                    effective_version, effective_grams
                from activity_record
                where status = 'CREDITED' and effective_version <> :target and (user_id, id) > (:afterUser, :afterId)""");
        var params = new HashMap<String, Object>();
        params.put("target", target);
        params.put("afterUser", afterUser);
        params.put("afterId", afterId);
        if (request.behaviours() != null && !request.behaviours().isEmpty()) {
            sql.append(" and behaviour in (:behaviours)");
            params.put("behaviours", request.behaviours());
        }
        if (request.occurredFrom() != null) {
            sql.append(" and occurred_on >= :from");
            params.put("from", Date.valueOf(request.occurredFrom()));
        }
        if (request.occurredTo() != null) {
            sql.append(" and occurred_on <= :to");
            params.put("to", Date.valueOf(request.occurredTo()));
        }
        sql.append(" order by user_id, id limit ").append(BATCH);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Candidate(
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getString("behaviour"),
                        rs.getBigDecimal("quantity").stripTrailingZeros(),
                        rs.getString("unit"),
                        rs.getDate("occurred_on").toLocalDate(),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("region"),
                        StoredParameters.read(json, rs.getString("parameters")),
                        rs.getString("effective_version"),
                        rs.getLong("effective_grams")))
                .list();
    }
}
