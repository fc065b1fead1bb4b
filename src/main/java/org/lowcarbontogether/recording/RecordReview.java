package org.lowcarbontogether.recording;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Role;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.methodology.ActivityInput;
import org.lowcarbontogether.methodology.Calculation;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

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
    private final JsonMapper json;
    private final Clock clock;

    RecordReview(Ledger ledger, Methodology methodology, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.ledger = ledger;
        this.methodology = methodology;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A record as its owner or a reviewer sees it. */
    public record RecordView(UUID userId, UUID id, String behaviour, BigDecimal quantity, String unit, Instant occurredAt,
            @Nullable Integer durationMinutes, @Nullable String region, String evidence, String channel, String status,
            List<String> reasons, @Nullable String reviewNote, long reductionGrams, String methodologyVersion,
            @Nullable UUID ledgerEntryId, @Nullable String externalRef, Instant createdAt) {}

    private static final String COLUMNS = """
            user_id, id, behaviour, quantity, unit, occurred_at, duration_minutes, region, evidence, channel, status,
            reason_codes, review_note, reduction_grams, methodology_version, ledger_entry_id, external_ref, created_at""";

    /** A person's records, newest first, optionally of one status. */
    @Transactional(readOnly = true)
    public List<RecordView> recordsOf(UUID userId, @Nullable String status, int limit) {
        return jdbc.sql("select " + COLUMNS + " from activity_record where user_id = :user"
                        + (status == null ? "" : " and status = :status") + " order by created_at desc limit :limit")
                .param("user", userId)
                .param("status", status)
                .param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> view(rs))
                .list();
    }

    /** Flagged records waiting for a reviewer, oldest first. */
    @Transactional(readOnly = true)
    public List<RecordView> queue(AuthenticatedUser reviewer, int limit) {
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
    public RecordView approve(AuthenticatedUser reviewer, UUID userId, UUID recordId, @Nullable String note) {
        requireReviewer(reviewer);
        var record = lockFlagged(reviewer, userId, recordId);
        var input = new ActivityInput((String) record.get("behaviour"), (BigDecimal) record.get("quantity"), (String) record.get("unit"),
                (LocalDate) record.get("occurredOn"), (String) record.get("region"), StoredParameters.read(json, (String) record.get("parameters")));
        String version = (String) record.get("version");
        Calculation calculation = methodology.calculate(version, input)
                .orElseThrow(() -> new IllegalStateException("Version " + version + " of record " + recordId + " is not loaded"));
        if (!(calculation instanceof Calculation.Credited credited)) {
            throw new IllegalStateException("Record " + recordId + " cannot be credited under " + version + ": " + calculation);
        }
        UUID entryId = ledger.credit(userId, recordId, credited, (Instant) record.get("occurredAt"), (String) record.get("evidence"));
        settle(userId, recordId, "CREDITED", entryId, reviewer.id(), note == null || note.isBlank() ? null : note.strip());
        return record(userId, recordId);
    }

    /** Rejects a flagged record with the reason its owner will see; its real-world event may then be claimed again. */
    @Transactional
    public RecordView reject(AuthenticatedUser reviewer, UUID userId, UUID recordId, String note) {
        requireReviewer(reviewer);
        if (note == null || note.isBlank()) {
            throw ProblemException.badRequest("review-note-required", "note");
        }
        lockFlagged(reviewer, userId, recordId);
        settle(userId, recordId, "REJECTED", null, reviewer.id(), note.strip());
        jdbc.sql("delete from external_claim where user_id = :user and record_id = :id").param("user", userId).param("id", recordId).update();
        return record(userId, recordId);
    }

    /**
     * Reverses a credited record — by its owner, a reviewer or an administrator — with a reason. Everything it brought
     * to the ledger (credit and adjustments) is taken back by one reversal entry; the original entries stay.
     */
    @Transactional
    public RecordView reverse(AuthenticatedUser actor, UUID userId, UUID recordId, String reason) {
        boolean own = actor.id().equals(userId);
        if (!own && !actor.hasRole(Role.REVIEWER) && !actor.hasRole(Role.ADMIN)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "record-unknown", "recordId", recordId);
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("review-note-required", "reason");
        }
        String status = jdbc.sql("select status from activity_record where user_id = :user and id = :id for update")
                .param("user", userId)
                .param("id", recordId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "record-unknown", "recordId", recordId));
        if (!status.equals("CREDITED")) {
            throw new ProblemException(HttpStatus.CONFLICT, "record-not-credited", "recordId", status);
        }
        ledger.reverse(userId, recordId, reason.strip(), actor.id());
        settle(userId, recordId, "REVERSED", null, actor.id(), reason.strip());
        return record(userId, recordId);
    }

    /** Records a decision on a record: its new status, who decided, when and why (and its entry when credited). */
    private void settle(UUID userId, UUID recordId, String status, @Nullable UUID entryId, UUID actorId, @Nullable String note) {
        jdbc.sql("""
                        update activity_record set status = :status, ledger_entry_id = coalesce(:entry, ledger_entry_id),
                            reviewed_by = :actor, reviewed_at = :now, review_note = :note
                        where user_id = :user and id = :id""")
                .param("status", status)
                .param("entry", entryId)
                .param("actor", actorId)
                .param("now", Timestamp.from(clock.instant()))
                .param("note", note)
                .param("user", userId)
                .param("id", recordId)
                .update();
    }

    /** A flagged record, locked for a decision by someone who neither owns it nor entered it (four eyes). */
    private Map<String, Object> lockFlagged(AuthenticatedUser reviewer, UUID userId, UUID recordId) {
        var record = jdbc.sql("""
                        select status, entered_by, behaviour, quantity, unit, occurred_on, occurred_at, region, evidence,
                            methodology_version, parameters::text as parameters
                        from activity_record where user_id = :user and id = :id for update""")
                .param("user", userId)
                .param("id", recordId)
                .query((rs, n) -> {
                    var row = new java.util.HashMap<String, Object>();
                    row.put("status", rs.getString("status"));
                    row.put("enteredBy", rs.getObject("entered_by", UUID.class));
                    row.put("behaviour", rs.getString("behaviour"));
                    row.put("quantity", rs.getBigDecimal("quantity").stripTrailingZeros());
                    row.put("unit", rs.getString("unit"));
                    row.put("occurredOn", rs.getDate("occurred_on").toLocalDate());
                    row.put("occurredAt", rs.getTimestamp("occurred_at").toInstant());
                    row.put("region", rs.getString("region"));
                    row.put("evidence", rs.getString("evidence"));
                    row.put("version", rs.getString("methodology_version"));
                    row.put("parameters", rs.getString("parameters"));
                    return row;
                })
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "record-unknown", "recordId", recordId));
        if (reviewer.id().equals(userId) || reviewer.id().equals(record.get("enteredBy"))) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "review-own-record", "recordId", recordId);
        }
        if (!"FLAGGED".equals(record.get("status"))) {
            throw new ProblemException(HttpStatus.CONFLICT, "record-not-flagged", "recordId", record.get("status"));
        }
        return record;
    }

    private RecordView record(UUID userId, UUID recordId) {
        return jdbc.sql("select " + COLUMNS + " from activity_record where user_id = :user and id = :id")
                .param("user", userId)
                .param("id", recordId)
                .query((rs, n) -> view(rs))
                .single();
    }


    private static RecordView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        String reasons = rs.getString("reason_codes");
        return new RecordView(rs.getObject("user_id", UUID.class), rs.getObject("id", UUID.class), rs.getString("behaviour"),
                rs.getBigDecimal("quantity").stripTrailingZeros(), rs.getString("unit"), rs.getTimestamp("occurred_at").toInstant(),
                (Integer) rs.getObject("duration_minutes"), rs.getString("region"), rs.getString("evidence"), rs.getString("channel"),
                rs.getString("status"), reasons == null ? List.of() : List.of(reasons.split(",")), rs.getString("review_note"),
                rs.getLong("reduction_grams"), rs.getString("methodology_version"), rs.getObject("ledger_entry_id", UUID.class),
                rs.getString("external_ref"), rs.getTimestamp("created_at").toInstant());
    }

    private static void requireReviewer(AuthenticatedUser reviewer) {
        if (!reviewer.hasRole(Role.REVIEWER) && !reviewer.hasRole(Role.ADMIN)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", null);
        }
    }
}
