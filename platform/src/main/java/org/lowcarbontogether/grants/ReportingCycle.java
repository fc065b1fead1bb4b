package org.lowcarbontogether.grants;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reporting cycle of an award: its officers schedule interim and final reports with due dates; the grantee submits
 * each ({@link GranteeReports}), an officer accepts it or requests changes; a tranche may wait for a scheduled report
 * and is not released before that report is accepted ({@link Awards#pay}). The notifications module reminds the
 * grantee before each due date and tells the programme's officers of a report overdue ({@link #dueOn}, {@link #overdue}).
 */
@Service
public class ReportingCycle {

    public enum Kind {
        INTERIM,
        FINAL
    }

    /** Where a scheduled report stands: not submitted, or its report's review status. */
    public enum State {
        DUE,
        SUBMITTED,
        CHANGES_REQUESTED,
        ACCEPTED
    }

    public record Scheduled(
            int position,
            Kind kind,
            LocalDate dueOn,
            State state,
            @Nullable UUID reportId,
            boolean overdue) {}

    /** A scheduled report not submitted, for the daily reminders. */
    public record Due(
            UUID projectId,
            String projectTitle,
            UUID organisationId,
            UUID programmeId,
            int position,
            Kind kind,
            LocalDate dueOn) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Awards awards;
    private final Programmes programmes;
    private final AuditLog audit;

    ReportingCycle(JdbcClient jdbc, Clock clock, Awards awards, Programmes programmes, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.awards = awards;
        this.programmes = programmes;
        this.audit = audit;
    }

    /** The award's schedule, with each report's state (grantee organisers, officers). */
    @Transactional(readOnly = true)
    public List<Scheduled> schedule(Actor me, UUID awardId) {
        awards.manageable(me, awardId);
        return schedule(awardId);
    }

    /** The schedule of an award whose caller was checked. */
    @Transactional(readOnly = true)
    public List<Scheduled> schedule(UUID awardId) {
        LocalDate today = org.lowcarbontogether.shared.ProgrammeCalendar.today(clock);
        return jdbc.sql("""
                        select s.position, s.kind, s.due_on, r.id as report_id, r.review_status
                        from award_report_schedule s
                            left join grantee_report r on r.award_id = s.award_id and r.schedule_position = s.position
                        where s.award_id = :a order by s.position""")
                .param("a", awardId)
                .query((rs, n) -> {
                    String status = rs.getString("review_status");
                    LocalDate due = rs.getDate("due_on").toLocalDate();
                    State state = status == null ? State.DUE : State.valueOf(status);
                    return new Scheduled(
                            rs.getInt("position"),
                            Kind.valueOf(rs.getString("kind")),
                            due,
                            state,
                            rs.getObject("report_id", UUID.class),
                            state == State.DUE && today.isAfter(due));
                })
                .list();
    }

    /** An officer adds a report to the award's schedule; its position is the next. */
    @Transactional
    public List<Scheduled> add(Actor me, UUID awardId, @Nullable String kind, @Nullable LocalDate dueOn) {
        var project = awards.project(awardId);
        programmes.officerOf(me, project.programmeId());
        Kind parsed;
        try {
            parsed = Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(List.of(Violation.of("kind", "value-unknown", kind == null ? "" : kind)));
        }
        if (dueOn == null || dueOn.isBefore(project.startsOn())) {
            throw Refusal.invalid(List.of(Violation.of("dueOn", "report-due-after-start", project.startsOn())));
        }
        // positions are taken under a lock on the award, so two officers adding at once do not collide
        jdbc.sql("select id from grant_award where id = :a for update")
                .param("a", awardId)
                .query(UUID.class)
                .single();
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from award_report_schedule where award_id = :a")
                .param("a", awardId)
                .query(Integer.class)
                .single();
        jdbc.sql("""
                        insert into award_report_schedule (award_id, position, kind, due_on, created_by, created_at)
                        values (:a, :p, :k, :due, :me, :now)""")
                .param("a", awardId)
                .param("p", position)
                .param("k", parsed.name())
                .param("due", Date.valueOf(dueOn))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.REPORT_SCHEDULED,
                project.organisationId(),
                AuditLog.Target.AWARD,
                awardId,
                Map.of("project", project.title(), "kind", parsed.name(), "dueOn", dueOn.toString()));
        return schedule(awardId);
    }

    /** An officer makes a tranche wait for a scheduled report (or, with null, no longer wait). */
    @Transactional
    public Awards.Project trancheAfter(Actor me, UUID awardId, int tranche, @Nullable Integer report) {
        var project = awards.project(awardId);
        programmes.officerOf(me, project.programmeId());
        if (report != null && schedule(awardId).stream().noneMatch(s -> s.position() == report)) {
            throw Refusal.unacceptable("report-schedule-unknown", "schedule", report);
        }
        int updated = jdbc.sql("""
                        update award_tranche set after_report = :r
                        where award_id = :a and position = :p and paid_on is null""")
                .param("r", report)
                .param("a", awardId)
                .param("p", tranche)
                .update();
        if (updated == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "award-tranche-paid", null);
        }
        audit.record(
                me.id(),
                AuditLog.Action.TRANCHE_AFTER_REPORT,
                project.organisationId(),
                AuditLog.Target.AWARD,
                awardId,
                Map.of(
                        "project",
                        project.title(),
                        "tranche",
                        String.valueOf(tranche),
                        "report",
                        String.valueOf(report)));
        return awards.project(awardId);
    }

    /** The scheduled reports due on a day and not submitted yet. */
    @Transactional(readOnly = true)
    public List<Due> dueOn(LocalDate day) {
        return due("s.due_on = :from", day, day);
    }

    /** The scheduled reports due from … to (both included) and not submitted: overdue when {@code to} is before today. */
    @Transactional(readOnly = true)
    public List<Due> overdue(LocalDate from, LocalDate to) {
        return due("s.due_on between :from and :to", from, to);
    }

    private List<Due> due(String when, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select w.id, a.title, a.organisation_id, c.programme_id, s.position, s.kind, s.due_on
                        from award_report_schedule s join grant_award w on w.id = s.award_id
                            join grant_application a on a.id = w.application_id join grant_call c on c.id = a.call_id
                        where %s
                          and not exists (select 1 from grantee_report r
                                          where r.award_id = s.award_id and r.schedule_position = s.position)
                        order by s.due_on, w.id, s.position""".formatted(when))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getInt(5),
                        Kind.valueOf(rs.getString(6)),
                        rs.getDate(7).toLocalDate()))
                .list();
    }
}
