package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to records after they arrive: reviewers approve flagged records (crediting them under the version that
 * calculated them) or reject them with a reason the participant sees; a record's owner, a reviewer or an administrator
 * can reverse a credited record, which books a reversal entry. Participants see the status of each of their records.
 */
@Service
public class RecordReview {

    private final Ledger ledger;
    private final Methodology methodology;
    private final JdbcClient jdbc;
    private final RecordStore store;
    private final Clock clock;
    private final List<ClaimantHold> holds;
    private final ApplicationEventPublisher events;

    RecordReview(
            Ledger ledger,
            Methodology methodology,
            JdbcClient jdbc,
            RecordStore store,
            Clock clock,
            List<ClaimantHold> holds,
            ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.methodology = methodology;
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.holds = List.copyOf(holds);
        this.events = events;
    }

    /** Who vouched for the record's evidence: the claimant of its external claims (a partner's id), if any. */
    private @Nullable String claimant(UUID userId, UUID recordId) {
        return jdbc.sql("""
                        select claimant from external_claim
                        where user_id = :user and record_id = :id and claimant is not null
                        order by reference limit 1""")
                .param("user", userId)
                .param("id", recordId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** A record as its owner or a reviewer sees it. */
    public record RecordView(
            UUID userId,
            UUID id,
            String behaviour,
            BigDecimal quantity,
            String unit,
            Instant occurredAt,
            @Nullable Integer durationMinutes,
            @Nullable String region,
            String evidence,
            String channel,
            RecordStatus status,
            List<String> reasons,
            @Nullable String reviewNote,
            long reductionGrams,
            String methodologyVersion,
            @Nullable UUID ledgerEntryId,
            @Nullable String externalRef,
            Instant createdAt) {}

    private static final String COLUMNS = """
            user_id, id, behaviour, quantity, unit, occurred_at, duration_minutes, region, evidence, channel, status,
            reason_codes, review_note, reduction_grams, methodology_version, ledger_entry_id, external_ref, created_at""";

    /** A person's records, newest first, optionally of one status. */
    @Transactional(readOnly = true)
    public List<RecordView> recordsOf(UUID userId, @Nullable RecordStatus status, int limit) {
        return jdbc.sql("select " + COLUMNS + " from activity_record where user_id = :user"
                        + (status == null ? "" : " and status = :status") + " order by created_at desc limit :limit")
                .param("user", userId)
                .param("status", status == null ? null : status.name())
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> view(rs))
                .list();
    }

    /** A person's record, named by both ids: records are keyed by person first (docs/scaling.md). */
    public record RecordRef(UUID userId, UUID recordId) {}

    /**
     * Of the given records, those credited now, each with its reduction in grams: how a module that sourced records
     * (products' purchases) totals what they were credited. Looked up by person and id, the records' primary key — by
     * id alone it would read the whole table.
     */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Long> creditedReductions(java.util.Collection<RecordRef> records) {
        java.util.Map<UUID, Long> credited = new java.util.HashMap<>();
        List<RecordRef> refs = List.copyOf(records);
        for (int from = 0; from < refs.size(); from += 1000) {
            var chunk = refs.subList(from, Math.min(refs.size(), from + 1000));
            jdbc.sql("""
                            select r.id, r.reduction_grams
                            from unnest(:users, :ids) as k(user_id, id)
                            join activity_record r on r.user_id = k.user_id and r.id = k.id
                            where r.status = 'CREDITED'""")
                    .param(
                            "users",
                            new SqlArrayValue(
                                    "uuid",
                                    chunk.stream().map(RecordRef::userId).toArray()))
                    .param(
                            "ids",
                            new SqlArrayValue(
                                    "uuid",
                                    chunk.stream().map(RecordRef::recordId).toArray()))
                    .query(rs -> {
                        credited.put(rs.getObject("id", UUID.class), rs.getLong("reduction_grams"));
                    });
        }
        return credited;
    }

    /** Flagged records waiting for a reviewer, oldest first. */
    @Transactional(readOnly = true)
    public List<RecordView> queue(Actor reviewer, int limit) {
        requireReviewer(reviewer);
        return jdbc.sql("select " + COLUMNS + """
                         from activity_record where status = 'FLAGGED' and user_id <> :me
                            and (entered_by is null or entered_by <> :me)
                        order by created_at limit :limit""")
                .param("me", reviewer.id())
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> view(rs))
                .list();
    }

    /** Approves a flagged record: credits it under the version that calculated it. */
    @Transactional
    public RecordView approve(Actor reviewer, UUID userId, UUID recordId, @Nullable String note) {
        requireReviewer(reviewer);
        var record = lockFlagged(reviewer, userId, recordId);
        String claimant = claimant(userId, recordId);
        if (claimant != null) {
            holds.forEach(hold -> hold.beforeApproval(claimant));
        }
        var input = new ActivityInput(
                record.behaviour(),
                record.quantity(),
                record.unit(),
                record.occurredOn(),
                record.region(),
                record.parameters());
        String version = record.methodologyVersion();
        Calculation calculation = methodology
                .calculate(version, input)
                .orElseThrow(() ->
                        new IllegalStateException("Version " + version + " of record " + recordId + " is not loaded"));
        if (!(calculation instanceof Calculation.Credited credited)) {
            throw new IllegalStateException(
                    "Record " + recordId + " cannot be credited under " + version + ": " + calculation);
        }
        UUID entryId = ledger.credit(userId, recordId, credited, record.occurredAt(), record.evidence());
        settle(
                userId,
                recordId,
                RecordStatus.CREDITED,
                entryId,
                reviewer.id(),
                note == null || note.isBlank() ? null : note.strip());
        events.publishEvent(new RecordApproved(userId, recordId, record.evidence(), claimant, clock.instant()));
        return record(userId, recordId);
    }

    /** Rejects a flagged record with the reason its owner will see; its real-world event may then be claimed again. */
    @Transactional
    public RecordView reject(Actor reviewer, UUID userId, UUID recordId, String note) {
        requireReviewer(reviewer);
        if (note == null || note.isBlank()) {
            throw Refusal.invalid("review-note-required", "note");
        }
        var record = lockFlagged(reviewer, userId, recordId);
        String claimant = claimant(userId, recordId);
        settle(userId, recordId, RecordStatus.REJECTED, null, reviewer.id(), note.strip());
        jdbc.sql("delete from external_claim where user_id = :user and record_id = :id")
                .param("user", userId)
                .param("id", recordId)
                .update();
        events.publishEvent(new RecordRejected(userId, recordId, record.evidence(), claimant, clock.instant()));
        return record(userId, recordId);
    }

    /**
     * Reverses a credited record — by its owner, a reviewer or an administrator — with a reason. Everything it brought
     * to the ledger (credit and adjustments) is taken back by one reversal entry; the original entries stay.
     */
    @Transactional
    public RecordView reverse(Actor actor, UUID userId, UUID recordId, String reason) {
        boolean own = actor.id().equals(userId);
        if (!own && !actor.hasRole(Role.REVIEWER) && !actor.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "record-unknown", "recordId", recordId);
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("review-note-required", "reason");
        }
        RecordStatus status = store.lock(userId, recordId)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "record-unknown", "recordId", recordId))
                .status();
        if (status != RecordStatus.CREDITED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "record-not-credited", "recordId", status.name());
        }
        ledger.reverse(userId, recordId, reason.strip(), actor.id());
        settle(userId, recordId, RecordStatus.REVERSED, null, actor.id(), reason.strip());
        return record(userId, recordId);
    }

    private void settle(
            UUID userId,
            UUID recordId,
            RecordStatus status,
            @Nullable UUID entryId,
            UUID actorId,
            @Nullable String note) {
        store.settle(userId, recordId, status, entryId, actorId, note, clock.instant());
    }

    /** A flagged record, locked for a decision by someone who neither owns it nor entered it (four eyes). */
    private RecordStore.Locked lockFlagged(Actor reviewer, UUID userId, UUID recordId) {
        var record = store.lock(userId, recordId)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "record-unknown", "recordId", recordId));
        if (reviewer.id().equals(userId) || reviewer.id().equals(record.enteredBy())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "review-own-record", "recordId", recordId);
        }
        if (record.status() != RecordStatus.FLAGGED) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "record-not-flagged",
                    "recordId",
                    record.status().name());
        }
        return record;
    }

    private RecordView record(UUID userId, UUID recordId) {
        return find(userId, recordId).orElseThrow();
    }

    /**
     * A person's record as it stands now, if they have it — for a module that holds its id (a partner answering an
     * activity whose record was stored but whose answer never reached its log). No actor: the caller has checked who
     * may see it.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<RecordView> find(UUID userId, UUID recordId) {
        return jdbc.sql("select " + COLUMNS + " from activity_record where user_id = :user and id = :id")
                .param("user", userId)
                .param("id", recordId)
                .query((rs, n) -> view(rs))
                .optional();
    }

    private static RecordView view(ResultSet rs) throws SQLException {
        String reasons = rs.getString("reason_codes");
        return new RecordView(
                rs.getObject("user_id", UUID.class),
                rs.getObject("id", UUID.class),
                rs.getString("behaviour"),
                rs.getBigDecimal("quantity").stripTrailingZeros(),
                rs.getString("unit"),
                rs.getTimestamp("occurred_at").toInstant(),
                (Integer) rs.getObject("duration_minutes"),
                rs.getString("region"),
                rs.getString("evidence"),
                rs.getString("channel"),
                RecordStatus.valueOf(rs.getString("status")),
                reasons == null ? List.of() : List.of(reasons.split(",")),
                rs.getString("review_note"),
                rs.getLong("reduction_grams"),
                rs.getString("methodology_version"),
                rs.getObject("ledger_entry_id", UUID.class),
                rs.getString("external_ref"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static void requireReviewer(Actor reviewer) {
        if (!reviewer.hasRole(Role.REVIEWER) && !reviewer.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }
}
