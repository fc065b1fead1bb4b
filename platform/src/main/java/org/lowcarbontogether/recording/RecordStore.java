package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code activity_record} table as the write path uses it: new records stored, neighbours read, people locked. */
@Repository
class RecordStore {

    /** The advisory-lock space of "a person's records being written", apart from any other use of advisory locks. */
    private static final int PERSON_LOCKS = 0x5245_4344;

    private final JdbcClient jdbc;
    private final CopyIn copyIn;
    private final JsonMapper json;

    RecordStore(JdbcClient jdbc, CopyIn copyIn, JsonMapper json) {
        this.jdbc = jdbc;
        this.copyIn = copyIn;
        this.json = json;
    }

    /** A record as stored: one row of {@code activity_record}, its columns in {@link #COLUMNS}' order. */
    record Row(
            UUID userId,
            UUID id,
            String behaviour,
            BigDecimal quantity,
            BigDecimal baseQuantity,
            String unit,
            Instant occurredAt,
            LocalDate occurredOn,
            @Nullable Integer durationMinutes,
            @Nullable String region,
            String evidence,
            String channel,
            RecordStatus status,
            @Nullable String reasonCodes,
            String rulesVersion,
            @Nullable String externalRef,
            long reductionGrams,
            String methodologyVersion,
            @Nullable String parameters,
            @Nullable UUID ledgerEntryId,
            Instant createdAt,
            @Nullable UUID enteredBy) {

        private Object[] values() {
            // The effective reduction and version start as the calculated ones; a restatement moves them later.
            return new Object[] {
                userId,
                id,
                behaviour,
                quantity,
                baseQuantity,
                unit,
                Timestamp.from(occurredAt),
                Date.valueOf(occurredOn),
                durationMinutes,
                region,
                evidence,
                channel,
                status.name(),
                reasonCodes,
                rulesVersion,
                externalRef,
                reductionGrams,
                methodologyVersion,
                reductionGrams,
                methodologyVersion,
                parameters,
                ledgerEntryId,
                Timestamp.from(createdAt),
                enteredBy
            };
        }
    }

    private static final List<String> COLUMNS = List.of(
            "user_id",
            "id",
            "behaviour",
            "quantity",
            "base_quantity",
            "unit",
            "occurred_at",
            "occurred_on",
            "duration_minutes",
            "region",
            "evidence",
            "channel",
            "status",
            "reason_codes",
            "rules_version",
            "external_ref",
            "reduction_grams",
            "methodology_version",
            "effective_grams",
            "effective_version",
            "parameters",
            "ledger_entry_id",
            "created_at",
            "entered_by");

    /** The row a judged submission is stored as. */
    Row row(Prepared.Valid p, RecordReceipt receipt, Instant createdAt) {
        var c = p.checked();
        return new Row(
                p.userId(),
                receipt.id(),
                p.credited().behaviour(),
                c.quantity(),
                p.baseQuantity(),
                c.unit(),
                c.occurredAt().toInstant(),
                c.occurredAt().toLocalDate(),
                c.durationMinutes(),
                c.region(),
                c.evidence().name(),
                p.channel().name(),
                receipt.status(),
                receipt.reasons().isEmpty() ? null : String.join(",", receipt.reasons()),
                receipt.rulesVersion(),
                c.externalRef(),
                p.credited().reductionGrams(),
                p.credited().methodologyVersion(),
                c.parameters().isEmpty() ? null : json.writeValueAsString(c.parameters()),
                receipt.ledgerEntryId(),
                createdAt,
                p.enteredBy());
    }

    /** Stores records with one COPY. */
    void insert(List<Row> rows) {
        copyIn.rows("activity_record", COLUMNS, rows.stream().map(Row::values).toList());
    }

    /**
     * Waits until no other transaction is writing records of these people, and keeps them until this one ends: each
     * person's records are judged and stored one transaction after another, whichever way they came (the group writer,
     * a bulk upload, a listener's transaction), so two never judge against the same stale day. Taken in one order, so two
     * groups with people in common never wait on each other in a cycle.
     */
    void lockPeople(Collection<UUID> people) {
        var keys = people.stream()
                .mapToInt(UUID::hashCode)
                .distinct()
                .sorted()
                .boxed()
                .toArray();
        jdbc.sql("""
                        select count(*) from (
                            select pg_advisory_xact_lock(:space, k) from unnest(:keys) with ordinality as t(k, n) order by n) locked""")
                .param("space", PERSON_LOCKS)
                .param("keys", new SqlArrayValue("int4", keys))
                .query(Long.class)
                .single();
    }

    /**
     * The stored records (not rejected) in the windows given, per person — one query. Each window is looked up through
     * the (person, time) index on its own ({@code lateral … offset 0}): left to choose, the planner sometimes hashed the
     * windows against a scan of the whole table (statistics from when there were fewer people), 10 ms a group instead of
     * 0.4 (perf/fixed-rate.sh with 2,000 participants).
     */
    List<RecordGroup.Neighbour> neighbours(List<RecordGroup.Window> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct r.user_id, r.id, r.behaviour, r.quantity, r.occurred_at, r.duration_minutes, r.reduction_grams
                        from unnest(:users, :froms, :tos) as w(user_id, from_at, to_at)
                        cross join lateral (
                            select r.user_id, r.id, r.behaviour, coalesce(r.base_quantity, r.quantity) as quantity, r.occurred_at,
                                r.duration_minutes, r.reduction_grams
                            from activity_record r
                            where r.user_id = w.user_id and r.occurred_at >= w.from_at and r.occurred_at < w.to_at
                              and r.status <> 'REJECTED'
                            offset 0) r""")
                .param(
                        "users",
                        new SqlArrayValue(
                                "uuid",
                                windows.stream().map(RecordGroup.Window::userId).toArray()))
                .param(
                        "froms",
                        new SqlArrayValue(
                                "timestamptz",
                                windows.stream()
                                        .map(w -> Timestamp.from(w.from()))
                                        .toArray()))
                .param(
                        "tos",
                        new SqlArrayValue(
                                "timestamptz",
                                windows.stream()
                                        .map(w -> Timestamp.from(w.dayEnd()))
                                        .toArray()))
                .query((rs, n) -> new RecordGroup.Neighbour(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("behaviour"),
                        rs.getBigDecimal("quantity"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("duration_minutes", Integer.class),
                        rs.getLong("reduction_grams")))
                .list();
    }

    /** How many records an organiser has entered for others since {@code from}. */
    long enteredSince(UUID organiser, Instant from) {
        return jdbc.sql("select count(*) from activity_record where entered_by = :organiser and created_at >= :from")
                .param("organiser", organiser)
                .param("from", Timestamp.from(from))
                .query(Long.class)
                .single();
    }

    /** A stored record as a reviewer or its owner decides on it, locked until the decision is stored. */
    record Locked(
            UUID userId,
            UUID id,
            RecordStatus status,
            String behaviour,
            BigDecimal quantity,
            String unit,
            LocalDate occurredOn,
            Instant occurredAt,
            @Nullable String region,
            Map<String, BigDecimal> parameters,
            String methodologyVersion,
            String evidence,
            @Nullable UUID enteredBy) {}

    /** The record, locked for a decision; empty when the person has no such record. */
    Optional<Locked> lock(UUID userId, UUID recordId) {
        return jdbc.sql("""
                        select user_id, id, status, behaviour, quantity, unit, occurred_on, occurred_at, region,
                            parameters::text as parameters, methodology_version, evidence, entered_by
                        from activity_record where user_id = :user and id = :id for update""")
                .param("user", userId)
                .param("id", recordId)
                .query((rs, n) -> new Locked(
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        RecordStatus.valueOf(rs.getString("status")),
                        rs.getString("behaviour"),
                        rs.getBigDecimal("quantity").stripTrailingZeros(),
                        rs.getString("unit"),
                        rs.getDate("occurred_on").toLocalDate(),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("region"),
                        StoredParameters.read(json, rs.getString("parameters")),
                        rs.getString("methodology_version"),
                        rs.getString("evidence"),
                        rs.getObject("entered_by", UUID.class)))
                .optional();
    }

    /** Stores a decision on a record: its new status, who decided, when and why (and its entry when credited). */
    void settle(
            UUID userId,
            UUID recordId,
            RecordStatus status,
            @Nullable UUID entryId,
            UUID actorId,
            @Nullable String note,
            Instant now) {
        jdbc.sql("""
                        update activity_record set status = :status, ledger_entry_id = coalesce(:entry, ledger_entry_id),
                            reviewed_by = :actor, reviewed_at = :now, review_note = :note
                        where user_id = :user and id = :id""")
                .param("status", status.name())
                .param("entry", entryId)
                .param("actor", actorId)
                .param("now", Timestamp.from(now))
                .param("note", note)
                .param("user", userId)
                .param("id", recordId)
                .update();
    }
}
