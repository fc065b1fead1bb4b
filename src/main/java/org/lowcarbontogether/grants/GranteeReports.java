package org.lowcarbontogether.grants;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
            Instant submittedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Awards awards;
    private final ReportedImpact impact;
    private final JsonMapper json;

    GranteeReports(JdbcClient jdbc, Clock clock, Awards awards, ReportedImpact impact, JsonMapper json) {
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
        var project = awards.manageable(me, projectId);
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
                            figures, submitted_by, submitted_at)
                        values (:id, :a, :kind, :from, :to, :narrative, :findings, :recs, cast(:figures as jsonb), :me, :now)
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
        return jdbc.sql("""
                        select id, award_id, kind, period_from, period_to, narrative, key_findings, recommendations, figures::text as figures,
                            submitted_at
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
                        rs.getTimestamp("submitted_at").toInstant()))
                .list();
    }

    /** Every report of a programme's projects, for the officers who write the programme's findings. */
    public List<Report> ofProgramme(UUID programmeId) {
        return awards.ofProgramme(programmeId).stream()
                .flatMap(p -> reports(p.id()).stream())
                .toList();
    }
}
