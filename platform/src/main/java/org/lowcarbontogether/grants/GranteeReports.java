package org.lowcarbontogether.grants;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grantee reports — milestone and final — with narrative, key findings and recommendations written by the grantee; the
 * quantitative part is the platform's own figures for the project over the report's period, computed when the report
 * is submitted and kept with it, never typed in.
 */
@Service
public class GranteeReports {

    public enum Kind {
        MILESTONE,
        FINAL
    }

    /** Where a report stands with the programme's officers. */
    public enum ReviewStatus {
        SUBMITTED,
        CHANGES_REQUESTED,
        ACCEPTED
    }

    /** One review decision: accepted, or changes requested with the reasons the grantee reads. */
    public record Review(ReviewStatus decision, String reasons, Instant decidedAt) {}

    public record Report(
            UUID id,
            UUID projectId,
            Kind kind,
            LocalDate periodFrom,
            LocalDate periodTo,
            String narrative,
            String keyFindings,
            String recommendations,
            ReportedImpact.Figures figures,
            Instant submittedAt,
            AwardPlans.@Nullable Plan plan,
            @Nullable Integer schedulePosition,
            ReviewStatus reviewStatus,
            List<Review> reviews) {

        public Report {
            reviews = List.copyOf(reviews);
        }

        Report withReviews(List<Review> all) {
            return new Report(
                    id,
                    projectId,
                    kind,
                    periodFrom,
                    periodTo,
                    narrative,
                    keyFindings,
                    recommendations,
                    figures,
                    submittedAt,
                    plan,
                    schedulePosition,
                    reviewStatus,
                    all);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Awards awards;
    private final ReportedImpact impact;
    private final JsonMapper json;
    private final AwardPlans plans;
    private final Programmes programmes;
    private final AuditLog audit;

    GranteeReports(
            JdbcClient jdbc,
            Clock clock,
            Awards awards,
            ReportedImpact impact,
            JsonMapper json,
            AwardPlans plans,
            Programmes programmes,
            AuditLog audit) {
        this.plans = plans;
        this.programmes = programmes;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.awards = awards;
        this.impact = impact;
        this.json = json;
    }

    @Transactional
    public Report submit(
            Actor me,
            UUID projectId,
            @Nullable String kind,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable String narrative,
            @Nullable String findings,
            @Nullable String recommendations) {
        return submit(me, projectId, kind, from, to, narrative, findings, recommendations, null);
    }

    /** Submits a report, for one of the award's scheduled reports when {@code schedule} names its position. */
    @Transactional
    public Report submit(
            Actor me,
            UUID projectId,
            @Nullable String kind,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable String narrative,
            @Nullable String findings,
            @Nullable String recommendations,
            @Nullable Integer schedule) {
        var project = awards.manageable(me, projectId);
        if (schedule != null) {
            boolean scheduled =
                    jdbc.sql("select count(*) from award_report_schedule where award_id = :a and position = :s")
                                    .param("a", projectId)
                                    .param("s", schedule)
                                    .query(Long.class)
                                    .single()
                            > 0;
            if (!scheduled) {
                throw Refusal.unacceptable("report-schedule-unknown", "schedule", schedule);
            }
            boolean done =
                    jdbc.sql("select count(*) from grantee_report where award_id = :a and schedule_position = :s")
                                    .param("a", projectId)
                                    .param("s", schedule)
                                    .query(Long.class)
                                    .single()
                            > 0;
            if (done) {
                throw new Refusal(Refusal.Kind.CONFLICT, "report-scheduled-exists", null, schedule);
            }
        }
        var violations = new ArrayList<Violation>();
        Kind parsed = null;
        try {
            parsed = Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of("kind", "value-unknown", kind == null ? "" : kind));
        }
        if (from == null || to == null || to.isBefore(from)) {
            violations.add(Violation.of("periodTo", "campaign-ends-before-start"));
        }
        String text = narrative == null ? "" : narrative.strip();
        if (text.length() < 20 || text.length() > 20_000) {
            violations.add(Violation.of("narrative", "text-length", 20, 20_000));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        // without violations, the kind and both ends of the period are there
        var figures = impact.figures(
                ImpactRollups.Ref.project(project.id()),
                ReportedImpact.Filter.period(Objects.requireNonNull(from), Objects.requireNonNull(to)));
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into grantee_report (id, award_id, kind, period_from, period_to, narrative, key_findings, recommendations,
                            figures, plan, schedule_position, submitted_by, submitted_at)
                        values (:id, :a, :kind, :from, :to, :narrative, :findings, :recs, cast(:figures as jsonb),
                            cast(:plan as jsonb), :schedule, :me, :now)
                        on conflict do nothing""")
                .param("id", id)
                .param("a", projectId)
                .param("kind", Objects.requireNonNull(parsed).name())
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("narrative", text)
                .param("findings", findings == null ? "" : findings.strip())
                .param("recs", recommendations == null ? "" : recommendations.strip())
                .param("figures", json.writeValueAsString(figures))
                .param("plan", json.writeValueAsString(plans.plan(project)))
                .param("schedule", schedule)
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "report-final-exists", null);
        }
        return reports(projectId).stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    public List<Report> reports(UUID projectId) {
        var rows = jdbc.sql("""
                        select id, award_id, kind, period_from, period_to, narrative, key_findings, recommendations, figures::text as figures,
                            submitted_at, plan::text as plan, schedule_position, review_status
                        from grantee_report where award_id = :a order by submitted_at""")
                .param("a", projectId)
                .query((rs, n) -> new Report(
                        rs.getObject("id", UUID.class),
                        rs.getObject("award_id", UUID.class),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getDate("period_from").toLocalDate(),
                        rs.getDate("period_to").toLocalDate(),
                        rs.getString("narrative"),
                        rs.getString("key_findings"),
                        rs.getString("recommendations"),
                        json.readValue(rs.getString("figures"), ReportedImpact.Figures.class),
                        rs.getTimestamp("submitted_at").toInstant(),
                        plan(rs.getString("plan")),
                        rs.getObject("schedule_position", Integer.class),
                        ReviewStatus.valueOf(rs.getString("review_status")),
                        List.of()))
                .list();
        // the reviews are read after the rows, never inside their mapping
        return rows.stream().map(r -> r.withReviews(reviews(r.id()))).toList();
    }

    private List<Review> reviews(UUID reportId) {
        return jdbc.sql("""
                        select decision, reasons, decided_at from grantee_report_review
                        where report_id = :r order by decided_at""")
                .param("r", reportId)
                .query((rs, n) -> new Review(
                        ReviewStatus.valueOf(rs.getString("decision")),
                        rs.getString("reasons"),
                        rs.getTimestamp("decided_at").toInstant()))
                .list();
    }

    /** The report, for its grantee's organisers and its programme's officers (404 for anyone else who asks by id). */
    public Report report(Actor me, UUID reportId) {
        var found = find(reportId);
        var project = awards.project(found.projectId());
        if (!awards.mayManage(me, project)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "report-unknown", "id", reportId);
        }
        return found;
    }

    private Report find(UUID reportId) {
        UUID award = jdbc.sql("select award_id from grantee_report where id = :r")
                .param("r", reportId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "report-unknown", "id", reportId));
        return reports(award).stream()
                .filter(r -> r.id().equals(reportId))
                .findFirst()
                .orElseThrow();
    }

    /**
     * An officer's review: accept the report (a tranche waiting for it may then be released) or request changes, with
     * the reasons the grantee reads. An officer from the grantee organisation may not review it.
     */
    @Transactional
    public Report review(Actor me, UUID reportId, @Nullable String decision, @Nullable String reasons) {
        var report = report(me, reportId);
        var project = awards.project(report.projectId());
        programmes.officerOf(me, project.programmeId());
        awards.requireIndependent(me, project.organisationId());
        ReviewStatus parsed;
        try {
            parsed = ReviewStatus.valueOf(
                    decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            parsed = ReviewStatus.SUBMITTED;
        }
        if (parsed == ReviewStatus.SUBMITTED) {
            throw Refusal.invalid(List.of(Violation.of("decision", "value-unknown", decision == null ? "" : decision)));
        }
        String why = reasons == null ? "" : reasons.strip();
        if (parsed == ReviewStatus.CHANGES_REQUESTED && (why.length() < 5 || why.length() > 5_000)) {
            throw Refusal.invalid(List.of(Violation.of("reasons", "text-length", 5, 5_000)));
        }
        var now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                        update grantee_report set review_status = :status, reviewed_at = :now
                        where id = :r and review_status = 'SUBMITTED'""")
                .param("status", parsed.name())
                .param("now", now)
                .param("r", reportId)
                .update();
        if (updated == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "report-not-awaiting-review", null);
        }
        jdbc.sql("""
                        insert into grantee_report_review (report_id, decided_at, decision, reasons, reviewed_by)
                        values (:r, :now, :d, :why, :me)""")
                .param("r", reportId)
                .param("now", now)
                .param("d", parsed.name())
                .param("why", why)
                .param("me", me.id())
                .update();
        audit.record(
                me.id(),
                parsed == ReviewStatus.ACCEPTED
                        ? AuditLog.Action.GRANTEE_REPORT_ACCEPTED
                        : AuditLog.Action.GRANTEE_REPORT_RETURNED,
                project.organisationId(),
                AuditLog.Target.AWARD,
                project.id(),
                Map.of("project", project.title(), "report", reportId.toString()));
        return find(reportId);
    }

    /** The grantee answers a request for changes: a new text, figures and plan computed again, back for review. */
    @Transactional
    public Report resubmit(
            Actor me,
            UUID reportId,
            @Nullable String narrative,
            @Nullable String findings,
            @Nullable String recommendations) {
        var report = report(me, reportId);
        var project = awards.manageable(me, report.projectId());
        if (report.reviewStatus() != ReviewStatus.CHANGES_REQUESTED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "report-not-returned", null);
        }
        String text = narrative == null ? "" : narrative.strip();
        if (text.length() < 20 || text.length() > 20_000) {
            throw Refusal.invalid(List.of(Violation.of("narrative", "text-length", 20, 20_000)));
        }
        var figures = impact.figures(
                ImpactRollups.Ref.project(project.id()),
                ReportedImpact.Filter.period(report.periodFrom(), report.periodTo()));
        jdbc.sql("""
                        update grantee_report set narrative = :narrative, key_findings = :findings, recommendations = :recs,
                            figures = cast(:figures as jsonb), plan = cast(:plan as jsonb), submitted_by = :me,
                            submitted_at = :now, review_status = 'SUBMITTED'
                        where id = :r and review_status = 'CHANGES_REQUESTED'""")
                .param("narrative", text)
                .param("findings", findings == null ? "" : findings.strip())
                .param("recs", recommendations == null ? "" : recommendations.strip())
                .param("figures", json.writeValueAsString(figures))
                .param("plan", json.writeValueAsString(plans.plan(project)))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .param("r", reportId)
                .update();
        return find(reportId);
    }

    private AwardPlans.@Nullable Plan plan(@Nullable String stored) {
        return stored == null ? null : json.readValue(stored, AwardPlans.Plan.class);
    }

    /** Every report of a programme's projects, for the officers who write the programme's findings. */
    public List<Report> ofProgramme(UUID programmeId) {
        return awards.ofProgramme(programmeId).stream()
                .flatMap(p -> reports(p.id()).stream())
                .toList();
    }
}
