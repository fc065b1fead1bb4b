package org.lowcarbontogether.grants;

import java.net.URI;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Hashes;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Off-platform outputs with evidence. A grantee reports reach (media articles, online activity views, offline
 * audiences), participants counted outside the platform and other outputs — each with a quantity, the method that
 * counted it and evidence (a link, or a screenshot — PNG, JPEG — or a document — PDF — of at most 10 MB). A programme
 * officer, or a reviewer assigned to the award's application without a conflict, accepts it or queries it with a
 * question; the grantee answers and it is reviewed again. Accepted totals are reported as "reported by grantees,
 * accepted", beside the platform's measured figures and never added to them.
 */
@Service
public class ReportedOutputs {

    public enum Kind {
        MEDIA_ARTICLE,
        ONLINE_VIEWS,
        OFFLINE_AUDIENCE,
        PARTICIPANTS,
        OTHER;

        /** Whether the kind counts people reached. */
        public boolean reach() {
            return this == MEDIA_ARTICLE || this == ONLINE_VIEWS || this == OFFLINE_AUDIENCE;
        }
    }

    public enum Status {
        SUBMITTED,
        QUERIED,
        ACCEPTED
    }

    public record Item(
            UUID id,
            UUID awardId,
            Kind kind,
            String description,
            long quantity,
            LocalDate occurredOn,
            String method,
            @Nullable String evidenceLink,
            @Nullable String evidenceName,
            @Nullable String evidenceType,
            Status status,
            @Nullable String question,
            @Nullable String answer,
            Instant reportedAt) {}

    public record Form(
            @Nullable String kind,
            @Nullable String description,
            @Nullable Long quantity,
            @Nullable LocalDate occurredOn,
            @Nullable String method,
            @Nullable String evidenceLink) {}

    /** The accepted quantities: reach (people reached), participants counted off the platform, other outputs. */
    public record Accepted(long reach, long participants, long other, Map<Kind, Long> byKind) {
        public boolean empty() {
            return reach == 0 && participants == 0 && other == 0;
        }
    }

    public record Evidence(String filename, String contentType, byte[] bytes) {}

    private static final int MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Awards awards;
    private final Programmes programmes;

    ReportedOutputs(JdbcClient jdbc, Clock clock, Awards awards, Programmes programmes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.awards = awards;
        this.programmes = programmes;
    }

    /** A grantee (an organiser of the funded organisation) reports an output with its evidence. */
    @Transactional
    public Item report(Actor me, UUID awardId, Form form, Applications.@Nullable Upload upload) {
        var project = awards.manageable(me, awardId);
        var violations = new ArrayList<Violation>();
        Kind kind = null;
        try {
            kind = Kind.valueOf(form.kind() == null ? "" : form.kind().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of("kind", "value-unknown", form.kind() == null ? "" : form.kind()));
        }
        String description =
                form.description() == null ? "" : form.description().strip();
        if (description.length() < 5 || description.length() > 2_000) {
            violations.add(Violation.of("description", "text-length", 5, 2_000));
        }
        if (form.quantity() == null || form.quantity() < 0 || form.quantity() > 1_000_000_000_000L) {
            violations.add(Violation.of("quantity", "number-range", 0, 1_000_000_000_000L));
        }
        if (form.occurredOn() == null || form.occurredOn().isBefore(project.startsOn())) {
            violations.add(Violation.of("occurredOn", "report-due-after-start", project.startsOn()));
        }
        String method = form.method() == null ? "" : form.method().strip();
        if (method.length() < 5 || method.length() > 2_000) {
            violations.add(Violation.of("method", "text-length", 5, 2_000));
        }
        String link = form.evidenceLink() == null || form.evidenceLink().isBlank()
                ? null
                : form.evidenceLink().strip();
        if (link != null && !webLink(link)) {
            violations.add(Violation.of("evidenceLink", "evidence-link", link));
        }
        String type = null;
        if (upload != null) {
            type = Applications.sniff(upload.bytes());
            if (upload.bytes().length > MAX_EVIDENCE_BYTES) {
                violations.add(Violation.of("evidence", "attachment-too-large", MAX_EVIDENCE_BYTES / (1024 * 1024)));
            } else if (type == null
                    || !List.of("application/pdf", "image/png", "image/jpeg").contains(type)) {
                violations.add(Violation.of("evidence", "evidence-type", upload.filename()));
            }
        }
        if (link == null && upload == null) {
            violations.add(Violation.of("evidence", "evidence-required"));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into reported_output (id, award_id, kind, description, quantity, occurred_on, method,
                            evidence_link, evidence_name, evidence_type, evidence, evidence_sha256, reported_by, reported_at)
                        values (:id, :a, :kind, :description, :quantity, :on, :method, :link, :name, :type, :bytes, :sha,
                            :me, :now)""")
                .param("id", id)
                .param("a", awardId)
                .param("kind", Objects.requireNonNull(kind).name())
                .param("description", description)
                .param("quantity", form.quantity())
                .param("on", Date.valueOf(Objects.requireNonNull(form.occurredOn())))
                .param("method", method)
                .param("link", link)
                .param("name", upload == null ? null : Applications.safeName(upload.filename()))
                .param("type", type)
                .param("bytes", upload == null ? null : upload.bytes())
                .param("sha", upload == null ? null : Hashes.sha256(upload.bytes()))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return find(id);
    }

    private static boolean webLink(String link) {
        try {
            var uri = new URI(link);
            return uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && link.length() <= 2_000;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** An award's items (its grantee's organisers, its programme's officers and its application's reviewers). */
    @Transactional(readOnly = true)
    public List<Item> items(Actor me, UUID awardId) {
        var project = awards.project(awardId);
        if (!mayReview(me, project) && !awards.mayManage(me, project)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        return items(awardId);
    }

    /** The items of an award whose caller was checked. */
    @Transactional(readOnly = true)
    public List<Item> items(UUID awardId) {
        return jdbc.sql(SELECT + " where award_id = :a order by reported_at")
                .param("a", awardId)
                .query((rs, n) -> item(rs))
                .list();
    }

    /** Whether the caller reviews the project's reported outputs: its programme's officer or an assigned reviewer. */
    public boolean mayReview(@Nullable Actor me, Awards.Project project) {
        if (me == null) {
            return false;
        }
        if (programmes.isOfficer(me, project.programmeId())) {
            return !awards.isMemberOf(me, project.organisationId());
        }
        return jdbc.sql("""
                                select count(*) from review_assignment
                                where application_id = :app and reviewer_id = :me and has_conflict is false""")
                        .param("app", project.applicationId())
                        .param("me", me.id())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A reviewer accepts an item, or queries it with a question for the grantee. */
    @Transactional
    public Item review(Actor me, UUID itemId, @Nullable String decision, @Nullable String question) {
        var item = find(itemId);
        var project = awards.project(item.awardId());
        if (!mayReview(me, project)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        boolean accept = "ACCEPTED".equalsIgnoreCase(decision == null ? "" : decision.strip());
        boolean query = "QUERIED".equalsIgnoreCase(decision == null ? "" : decision.strip());
        if (!accept && !query) {
            throw Refusal.invalid(List.of(Violation.of("decision", "value-unknown", decision == null ? "" : decision)));
        }
        String asked = question == null ? "" : question.strip();
        if (query && (asked.length() < 5 || asked.length() > 2_000)) {
            throw Refusal.invalid(List.of(Violation.of("question", "text-length", 5, 2_000)));
        }
        int updated = jdbc.sql("""
                        update reported_output set status = :status, question = case when :query then :question else question end,
                            reviewed_by = :me, reviewed_at = :now
                        where id = :id and status = 'SUBMITTED'""")
                .param("status", accept ? Status.ACCEPTED.name() : Status.QUERIED.name())
                .param("query", query)
                .param("question", asked)
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("id", itemId)
                .update();
        if (updated == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "reported-output-not-awaiting-review", null);
        }
        return find(itemId);
    }

    /** The grantee answers a query; the item goes back for review. */
    @Transactional
    public Item answer(Actor me, UUID itemId, @Nullable String answer) {
        var item = find(itemId);
        var project = awards.project(item.awardId());
        if (!awards.mayManage(me, project)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "reported-output-unknown", "id", itemId);
        }
        String text = answer == null ? "" : answer.strip();
        if (text.length() < 2 || text.length() > 2_000) {
            throw Refusal.invalid(List.of(Violation.of("answer", "text-length", 2, 2_000)));
        }
        int updated = jdbc.sql("""
                        update reported_output set status = 'SUBMITTED', answer = :answer
                        where id = :id and status = 'QUERIED'""").param("answer", text).param("id", itemId).update();
        if (updated == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "reported-output-not-queried", null);
        }
        return find(itemId);
    }

    /** The evidence file, for those who may see the item. */
    @Transactional(readOnly = true)
    public Evidence evidence(Actor me, UUID itemId) {
        var item = find(itemId);
        items(me, item.awardId());
        return jdbc.sql(
                        "select evidence_name, evidence_type, evidence from reported_output where id = :id and evidence is not null")
                .param("id", itemId)
                .query((rs, n) -> new Evidence(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "reported-output-unknown", "id", itemId));
    }

    /** The accepted items of an award. */
    @Transactional(readOnly = true)
    public Accepted accepted(UUID awardId) {
        return accepted("award_id = :id", awardId);
    }

    /** The accepted items of a programme's awards. */
    @Transactional(readOnly = true)
    public Accepted acceptedInProgramme(UUID programmeId) {
        return accepted("""
                award_id in (select w.id from grant_award w join grant_application a on a.id = w.application_id
                             join grant_call c on c.id = a.call_id where c.programme_id = :id)""", programmeId);
    }

    private Accepted accepted(String where, UUID id) {
        var byKind = new EnumMap<Kind, Long>(Kind.class);
        jdbc.sql("select kind, sum(quantity) from reported_output where status = 'ACCEPTED' and " + where
                        + " group by kind")
                .param("id", id)
                .query((rs, n) -> Map.entry(Kind.valueOf(rs.getString(1)), rs.getLong(2)))
                .list()
                .forEach(e -> byKind.put(e.getKey(), e.getValue()));
        long reach = byKind.entrySet().stream()
                .filter(e -> e.getKey().reach())
                .mapToLong(Map.Entry::getValue)
                .sum();
        return new Accepted(
                reach, byKind.getOrDefault(Kind.PARTICIPANTS, 0L), byKind.getOrDefault(Kind.OTHER, 0L), byKind);
    }

    private Item find(UUID id) {
        return jdbc.sql(SELECT + " where id = :id")
                .param("id", id)
                .query((rs, n) -> item(rs))
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "reported-output-unknown", "id", id));
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Item(
                rs.getObject("id", UUID.class),
                rs.getObject("award_id", UUID.class),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("description"),
                rs.getLong("quantity"),
                rs.getDate("occurred_on").toLocalDate(),
                rs.getString("method"),
                rs.getString("evidence_link"),
                rs.getString("evidence_name"),
                rs.getString("evidence_type"),
                Status.valueOf(rs.getString("status")),
                rs.getString("question"),
                rs.getString("answer"),
                rs.getTimestamp("reported_at").toInstant());
    }

    private static final String SELECT = """
            select id, award_id, kind, description, quantity, occurred_on, method, evidence_link, evidence_name,
                evidence_type, status, question, answer, reported_at
            from reported_output""";
}
