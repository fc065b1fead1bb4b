package org.lowcarbontogether.grants;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications by organisations to an open call, with planned outputs and attachments. An application is seen only by
 * its organisation's organisers, the reviewers assigned to it and its programme's officers; for anyone else it does not
 * exist (404).
 */
@Service
public class Applications {

    static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
    static final int MAX_ATTACHMENTS = 5;
    /** Attachment types accepted, recognised by their first bytes, not by their name. */
    static final Set<String> ATTACHMENT_TYPES = Set.of(
            "application/pdf",
            "image/png",
            "image/jpeg",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    public enum Status {
        SUBMITTED,
        UNDER_REVIEW,
        AWARDED,
        DECLINED
    }

    public record Application(
            UUID id,
            UUID callId,
            String callTitle,
            UUID programmeId,
            UUID organisationId,
            String organisationName,
            String title,
            String proposal,
            String activities,
            long requestedFen,
            @Nullable Long plannedBehaviours,
            @Nullable Long plannedGrams,
            @Nullable Long plannedParticipants,
            @Nullable Long plannedReach,
            Status status,
            Instant submittedAt,
            @Nullable String decisionNote) {}

    public record ApplicationForm(
            @Nullable UUID organisationId,
            @Nullable String title,
            @Nullable String proposal,
            @Nullable String activities,
            @Nullable Long requestedFen,
            @Nullable Long plannedBehaviours,
            @Nullable Long plannedGrams,
            @Nullable Long plannedParticipants,
            @Nullable Long plannedReach) {}

    public record Upload(String filename, byte[] bytes) {}

    public record Attachment(UUID id, String filename, String contentType, int sizeBytes, String sha256) {}

    public record StoredAttachment(String filename, String contentType, byte[] bytes) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final GrantCalls calls;
    private final Programmes programmes;
    private final Organisations organisations;

    Applications(JdbcClient jdbc, Clock clock, GrantCalls calls, Programmes programmes, Organisations organisations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.calls = calls;
        this.programmes = programmes;
        this.organisations = organisations;
    }

    @Transactional
    public Application submit(Actor me, UUID callId, ApplicationForm form, List<Upload> uploads) {
        var call = calls.get(callId);
        if (!call.openOn(ProgrammeCalendar.today(clock))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "call-closed", "callId", call.closesOn());
        }
        var violations = new ArrayList<Violation>();
        if (form.organisationId() == null) {
            violations.add(Violation.of("organisationId", "field-required", "organisationId"));
        } else if (!organisations.isOrganiser(me.id(), form.organisationId())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        String title = form.title() == null ? "" : form.title().strip();
        if (title.length() < 3 || title.length() > 200) {
            violations.add(Violation.of("title", "text-length", 3, 200));
        }
        String proposal = form.proposal() == null ? "" : form.proposal().strip();
        if (proposal.length() < 20 || proposal.length() > 20_000) {
            violations.add(Violation.of("proposal", "text-length", 20, 20_000));
        }
        if (form.requestedFen() == null || form.requestedFen() <= 0 || form.requestedFen() > call.maxGrantFen()) {
            violations.add(Violation.of("requestedFen", "number-range", 1, call.maxGrantFen()));
        }
        for (var planned : List.of(
                Map.entry("plannedBehaviours", Optional.ofNullable(form.plannedBehaviours())),
                Map.entry("plannedGrams", Optional.ofNullable(form.plannedGrams())),
                Map.entry("plannedParticipants", Optional.ofNullable(form.plannedParticipants())),
                Map.entry("plannedReach", Optional.ofNullable(form.plannedReach())))) {
            if (planned.getValue().isPresent() && planned.getValue().get() < 0) {
                violations.add(Violation.of(planned.getKey(), "number-range", 0, Long.MAX_VALUE));
            }
        }
        if (uploads.size() > MAX_ATTACHMENTS) {
            violations.add(Violation.of("attachments", "attachment-count", MAX_ATTACHMENTS));
        }
        var typed = new ArrayList<String>();
        for (int i = 0; i < uploads.size(); i++) {
            var upload = uploads.get(i);
            String type = sniff(upload.bytes());
            if (upload.bytes().length > MAX_ATTACHMENT_BYTES) {
                violations.add(Violation.of(
                        "attachments[" + i + "]", "attachment-too-large", MAX_ATTACHMENT_BYTES / (1024 * 1024)));
            } else if (type == null) {
                violations.add(Violation.of("attachments[" + i + "]", "attachment-type", upload.filename()));
            }
            typed.add(type);
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into grant_application (id, call_id, organisation_id, title, proposal, activities, requested_fen,
                            planned_behaviours, planned_grams, planned_participants, planned_reach, status, submitted_by, submitted_at)
                        values (:id, :call, :org, :title, :proposal, :activities, :requested, :behaviours, :grams, :participants, :reach,
                            'SUBMITTED', :me, :now)
                        on conflict (call_id, organisation_id, title) do nothing""")
                .param("id", id)
                .param("call", callId)
                .param("org", form.organisationId())
                .param("title", title)
                .param("proposal", proposal)
                .param(
                        "activities",
                        form.activities() == null ? "" : form.activities().strip())
                .param("requested", form.requestedFen())
                .param("behaviours", form.plannedBehaviours())
                .param("grams", form.plannedGrams())
                .param("participants", form.plannedParticipants())
                .param("reach", form.plannedReach())
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "application-exists", "title", title);
        }
        for (int i = 0; i < uploads.size(); i++) {
            var upload = uploads.get(i);
            jdbc.sql("""
                            insert into application_attachment (id, application_id, filename, content_type, size_bytes, bytes, sha256)
                            values (:id, :app, :name, :type, :size, :bytes, :sha)""")
                    .param("id", UUID.randomUUID())
                    .param("app", id)
                    .param("name", safeName(upload.filename()))
                    .param("type", typed.get(i))
                    .param("size", upload.bytes().length)
                    .param("bytes", upload.bytes())
                    .param("sha", Hashes.sha256(upload.bytes()))
                    .update();
        }
        return find(id);
    }

    /** The file's type from its first bytes: PDF, PNG, JPEG, or an Office Open XML document (a ZIP). */
    static @Nullable String sniff(byte[] bytes) {
        if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (starts(bytes, 0x89, 0x50, 0x4E, 0x47)) {
            return "image/png";
        }
        if (starts(bytes, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
            if (head.contains("word/")) {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            if (head.contains("xl/")) {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
        }
        return null;
    }

    private static boolean starts(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static String safeName(String filename) {
        String name = filename.replaceAll("[\\\\/\\p{Cntrl}\"]", "_").strip();
        return name.isEmpty() ? "attachment" : name.substring(0, Math.min(name.length(), 120));
    }

    /** The application, its row locked until the transaction ends, so decisions and assignments happen one at a time. */
    Application lock(UUID id) {
        boolean known = jdbc.sql("select id from grant_application where id = :id for update")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!known) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "application-unknown", "id", id);
        }
        return find(id);
    }

    Application find(UUID id) {
        return jdbc.sql(SELECT + " where a.id = :id")
                .param("id", id)
                .query(Application.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "application-unknown", "id", id));
    }

    /** Who the caller is to an application: decides what they may see and do. */
    public enum Standing {
        APPLICANT,
        REVIEWER,
        OFFICER
    }

    public Set<Standing> standing(Actor me, Application application) {
        var standing = EnumSet.noneOf(Standing.class);
        if (organisations.isOrganiser(me.id(), application.organisationId())) {
            standing.add(Standing.APPLICANT);
        }
        if (jdbc.sql("select count(*) from review_assignment where application_id = :a and reviewer_id = :r")
                        .param("a", application.id())
                        .param("r", me.id())
                        .query(Long.class)
                        .single()
                > 0) {
            standing.add(Standing.REVIEWER);
        }
        if (programmes.isOfficer(me, application.programmeId())) {
            standing.add(Standing.OFFICER);
        }
        return standing;
    }

    /** An application the caller may see (404 otherwise, so that its existence is not given away). */
    public Application visible(Actor me, UUID id) {
        var application = find(id);
        if (standing(me, application).isEmpty()) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "application-unknown", "id", id);
        }
        return application;
    }

    /** The caller's applications, assigned reviews, and those of the programmes they run. */
    public List<Application> visibleTo(Actor me) {
        return jdbc.sql(SELECT + """
                         where a.organisation_id in (select organisation_id from membership where user_id = :me and role = 'ORGANISER')
                            or a.id in (select application_id from review_assignment where reviewer_id = :me)
                            or c.programme_id in (select programme_id from programme_officer where user_id = :me)
                            or :admin
                        order by a.submitted_at desc""")
                .param("me", me.id())
                .param("admin", me.hasRole(Role.ADMIN))
                .query(APPLICATION_ROWS)
                .list();
    }

    public List<Application> ofCall(Actor me, UUID callId) {
        programmes.officerOf(me, calls.get(callId).programmeId());
        return jdbc.sql(SELECT + " where a.call_id = :call order by a.submitted_at")
                .param("call", callId)
                .query(APPLICATION_ROWS)
                .list();
    }

    public List<Attachment> attachments(Actor me, UUID applicationId) {
        visible(me, applicationId);
        return jdbc.sql(
                        "select id, filename, content_type, size_bytes, sha256 from application_attachment where application_id = :a order by filename")
                .param("a", applicationId)
                .query(ATTACHMENT_ROWS)
                .list();
    }

    public StoredAttachment attachment(Actor me, UUID applicationId, UUID attachmentId) {
        visible(me, applicationId);
        return jdbc.sql(
                        "select filename, content_type, bytes from application_attachment where id = :id and application_id = :a")
                .param("id", attachmentId)
                .param("a", applicationId)
                .query(StoredAttachment.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "application-unknown", "id", applicationId));
    }

    void setStatus(UUID id, Status status, @Nullable String note) {
        jdbc.sql(
                        "update grant_application set status = :s, decision_note = :n, decided_at = case when cast(:decided as boolean) then cast(:now as timestamptz) end where id = :id")
                .param("s", status.name())
                .param("n", note)
                .param("decided", status == Status.AWARDED || status == Status.DECLINED)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    private static final RowMapper<Application> APPLICATION_ROWS = new SimplePropertyRowMapper<>(Application.class);
    private static final RowMapper<Attachment> ATTACHMENT_ROWS = new SimplePropertyRowMapper<>(Attachment.class);

    private static final String SELECT = """
            select a.id, a.call_id, c.title as call_title, c.programme_id, a.organisation_id, o.name as organisation_name, a.title,
                a.proposal, a.activities, a.requested_fen, a.planned_behaviours, a.planned_grams, a.planned_participants, a.planned_reach,
                a.status, a.submitted_at, a.decision_note
            from grant_application a join grant_call c on c.id = a.call_id join organisation o on o.id = a.organisation_id""";
}
