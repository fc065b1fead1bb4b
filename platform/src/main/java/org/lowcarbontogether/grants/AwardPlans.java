package org.lowcarbontogether.grants;

import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.training.TrainingOutputs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plan against actual. Each award carries planned outputs — behaviours, participants, reduction (kg CO2e), reach,
 * trainings, events — each with a target and a due date. A grantee's organiser (or an officer) proposes; only an
 * officer sets; both are audited. The actual is live, from the project's links: the figures of its roll-up
 * ({@link ReportedImpact}) since the project's start, the grantee organisation's training sessions
 * ({@link TrainingOutputs}) and the events of its linked communities. An output measured through links is
 * <em>unknown</em> (never zero) while the project links no community or campaign (events: no community).
 * <p>
 * The status rule ({@link #status}): achieved when the actual reaches the target; behind when the due date has passed
 * without it; otherwise the actual is compared with the pro-rata target — target × the share of the time from the
 * project's start to the due date that has elapsed: on track at 80 % of it or more, at risk from 50 % up to 80 %,
 * behind below 50 %. Nothing is expected before the start (on track).
 */
@Service
public class AwardPlans {

    /** What an award plans to deliver; the unit of each target is the output's own (kg for the reduction). */
    public enum Output {
        BEHAVIOURS,
        PARTICIPANTS,
        REDUCTION_KG,
        REACH,
        TRAININGS,
        EVENTS
    }

    /** An output's status, worst first: the portfolio sorts by it. */
    public enum Status {
        BEHIND,
        AT_RISK,
        UNKNOWN,
        ON_TRACK,
        ACHIEVED,
        /** No target set by an officer yet (perhaps one proposed). */
        NOT_SET
    }

    /** The share of the pro-rata target from which an output is on track, in percent. */
    public static final int ON_TRACK_PERCENT = 80;
    /** The share of the pro-rata target below which an output is behind, in percent. */
    public static final int BEHIND_PERCENT = 50;

    /** One planned output: the target set, a proposal if any, the live actual (null: unknown) and its status. */
    public record PlannedOutput(
            Output output,
            @Nullable Long target,
            @Nullable LocalDate dueOn,
            @Nullable Long proposedTarget,
            @Nullable LocalDate proposedDueOn,
            @Nullable Long actual,
            @Nullable Long expectedNow,
            Status status) {

        /** The actual as a share of the target, in whole percent; null when either is unknown. */
        public @Nullable Long percentOfTarget() {
            return target == null || actual == null ? null : actual * 100 / target;
        }
    }

    /** An award's plan against actual as of a day. */
    public record Plan(UUID awardId, LocalDate asOf, List<PlannedOutput> outputs) {

        public Plan {
            outputs = List.copyOf(outputs);
        }

        /** The worst status of the outputs with a target; NOT_SET when none has one. */
        public Status worst() {
            return outputs.stream()
                    .map(PlannedOutput::status)
                    .filter(s -> s != Status.NOT_SET)
                    .min(Comparator.naturalOrder())
                    .orElse(Status.NOT_SET);
        }
    }

    /** One line of an officer's portfolio: a project and its plan. */
    public record PortfolioLine(Awards.Project project, Plan plan) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Awards awards;
    private final Programmes programmes;
    private final ReportedImpact impact;
    private final TrainingOutputs training;
    private final Events events;
    private final AuditLog audit;

    AwardPlans(
            JdbcClient jdbc,
            Clock clock,
            Awards awards,
            Programmes programmes,
            ReportedImpact impact,
            TrainingOutputs training,
            Events events,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.awards = awards;
        this.programmes = programmes;
        this.impact = impact;
        this.training = training;
        this.events = events;
        this.audit = audit;
    }

    /**
     * The status of an output with {@code target} due on {@code dueOn}, of a project started on {@code startsOn},
     * given its {@code actual} (null: unknown) on {@code today}. See the class comment for the rule.
     */
    public static Status status(
            long target, @Nullable Long actual, LocalDate startsOn, LocalDate dueOn, LocalDate today) {
        if (actual == null) {
            return Status.UNKNOWN;
        }
        if (actual >= target) {
            return Status.ACHIEVED;
        }
        if (today.isAfter(dueOn)) {
            return Status.BEHIND;
        }
        long total = Math.max(0, ChronoUnit.DAYS.between(startsOn, dueOn));
        long elapsed = Math.clamp(ChronoUnit.DAYS.between(startsOn, today), 0, total);
        if (today.isBefore(startsOn) || (total > 0 && elapsed == 0)) {
            return Status.ON_TRACK;
        }
        // actual / (target × elapsed / total) ≥ p %  ⇔  actual × total × 100 ≥ p × target × elapsed (total 0: all
        // elapsed)
        long days = total == 0 ? 1 : total;
        long gone = total == 0 ? 1 : elapsed;
        var reached =
                BigInteger.valueOf(actual).multiply(BigInteger.valueOf(days)).multiply(BigInteger.valueOf(100));
        var proRata = BigInteger.valueOf(target).multiply(BigInteger.valueOf(gone));
        if (reached.compareTo(proRata.multiply(BigInteger.valueOf(ON_TRACK_PERCENT))) >= 0) {
            return Status.ON_TRACK;
        }
        if (reached.compareTo(proRata.multiply(BigInteger.valueOf(BEHIND_PERCENT))) >= 0) {
            return Status.AT_RISK;
        }
        return Status.BEHIND;
    }

    /** The pro-rata target on {@code today}: target × the elapsed share of the time to the due date, rounded down. */
    static long expected(long target, LocalDate startsOn, LocalDate dueOn, LocalDate today) {
        long total = Math.max(0, ChronoUnit.DAYS.between(startsOn, dueOn));
        if (total == 0) {
            return today.isBefore(dueOn) || today.isBefore(startsOn) ? 0 : target;
        }
        long elapsed = Math.clamp(ChronoUnit.DAYS.between(startsOn, today), 0, total);
        return BigInteger.valueOf(target)
                .multiply(BigInteger.valueOf(elapsed))
                .divide(BigInteger.valueOf(total))
                .longValueExact();
    }

    /** An award's plan against actual, for its grantee's organisers and its programme's officers. */
    @Transactional(readOnly = true)
    public Plan plan(Actor me, UUID awardId) {
        return plan(awards.manageable(me, awardId));
    }

    /** The plan of a project whose caller was checked. */
    @Transactional(readOnly = true)
    public Plan plan(Awards.Project project) {
        LocalDate today = ProgrammeCalendar.today(clock);
        var rows = rows(project.id());
        boolean anyTarget = rows.values().stream().anyMatch(r -> r.target() != null);
        Map<Output, @Nullable Long> actuals = anyTarget ? actuals(project, today) : new EnumMap<>(Output.class);
        var outputs = new ArrayList<PlannedOutput>();
        for (var row : rows.values()) {
            Long actual = actuals.get(row.output());
            Long target = row.target();
            LocalDate due = row.dueOn();
            if (target == null || due == null) {
                outputs.add(new PlannedOutput(
                        row.output(),
                        null,
                        null,
                        row.proposedTarget(),
                        row.proposedDueOn(),
                        null,
                        null,
                        Status.NOT_SET));
                continue;
            }
            outputs.add(new PlannedOutput(
                    row.output(),
                    target,
                    due,
                    row.proposedTarget(),
                    row.proposedDueOn(),
                    actual,
                    actual == null ? null : expected(target, project.startsOn(), due, today),
                    status(target, actual, project.startsOn(), due, today)));
        }
        return new Plan(project.id(), today, outputs);
    }

    /** Each funded project of a programme with its plan, the worst status first (officers). */
    @Transactional(readOnly = true)
    public List<PortfolioLine> portfolio(Actor me, UUID programmeId) {
        programmes.officerOf(me, programmeId);
        return awards.ofProgramme(programmeId).stream()
                .map(p -> new PortfolioLine(p, plan(p)))
                .sorted(Comparator.comparing((PortfolioLine l) -> l.plan().worst())
                        .thenComparing(l -> l.project().title()))
                .toList();
    }

    /** A grantee's organiser (or an officer) proposes an output's target and due date; an officer then sets it. */
    @Transactional
    public Plan propose(
            Actor me, UUID awardId, @Nullable String output, @Nullable Long target, @Nullable LocalDate dueOn) {
        var project = awards.manageable(me, awardId);
        Output parsed = checked(project, output, target, dueOn);
        jdbc.sql("""
                        insert into award_planned_output (award_id, output, proposed_target, proposed_due_on, proposed_by, proposed_at)
                        values (:a, :o, :t, :due, :me, :now)
                        on conflict (award_id, output) do update set proposed_target = excluded.proposed_target,
                            proposed_due_on = excluded.proposed_due_on, proposed_by = excluded.proposed_by,
                            proposed_at = excluded.proposed_at""")
                .param("a", awardId)
                .param("o", parsed.name())
                .param("t", target)
                .param("due", Date.valueOf(java.util.Objects.requireNonNull(dueOn)))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audited(me, project, AuditLog.Action.AWARD_PLAN_PROPOSED, parsed, target, dueOn);
        return plan(project);
    }

    /** An officer sets an output's target and due date (a proposal, if any, is settled by it). */
    @Transactional
    public Plan set(Actor me, UUID awardId, @Nullable String output, @Nullable Long target, @Nullable LocalDate dueOn) {
        var project = awards.project(awardId);
        programmes.officerOf(me, project.programmeId());
        Output parsed = checked(project, output, target, dueOn);
        jdbc.sql("""
                        insert into award_planned_output (award_id, output, target, due_on, set_by, set_at)
                        values (:a, :o, :t, :due, :me, :now)
                        on conflict (award_id, output) do update set target = excluded.target, due_on = excluded.due_on,
                            set_by = excluded.set_by, set_at = excluded.set_at, proposed_target = null,
                            proposed_due_on = null, proposed_by = null, proposed_at = null""")
                .param("a", awardId)
                .param("o", parsed.name())
                .param("t", target)
                .param("due", Date.valueOf(java.util.Objects.requireNonNull(dueOn)))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        audited(me, project, AuditLog.Action.AWARD_PLAN_SET, parsed, target, dueOn);
        return plan(project);
    }

    private Output checked(
            Awards.Project project, @Nullable String output, @Nullable Long target, @Nullable LocalDate dueOn) {
        var violations = new ArrayList<Violation>();
        Output parsed = null;
        try {
            parsed = Output.valueOf(output == null ? "" : output.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Violation.of("output", "value-unknown", output == null ? "" : output));
        }
        if (target == null || target <= 0 || target > 1_000_000_000_000L) {
            violations.add(Violation.of("target", "number-range", 1, 1_000_000_000_000L));
        }
        if (dueOn == null || dueOn.isBefore(project.startsOn()) || dueOn.isAfter(project.endsOn())) {
            violations.add(Violation.of("dueOn", "plan-due-in-period", project.startsOn(), project.endsOn()));
        }
        if (!violations.isEmpty() || parsed == null) {
            throw Refusal.invalid(violations);
        }
        return parsed;
    }

    private void audited(
            Actor me,
            Awards.Project project,
            AuditLog.Action action,
            Output output,
            @Nullable Long target,
            @Nullable LocalDate dueOn) {
        audit.record(
                me.id(),
                action,
                project.organisationId(),
                AuditLog.Target.AWARD,
                project.id(),
                Map.of(
                        "project", project.title(),
                        "output", output.name(),
                        "target", String.valueOf(target),
                        "dueOn", String.valueOf(dueOn)));
    }

    private record Row(
            Output output,
            @Nullable Long target,
            @Nullable LocalDate dueOn,
            @Nullable Long proposedTarget,
            @Nullable LocalDate proposedDueOn) {}

    private Map<Output, Row> rows(UUID awardId) {
        var rows = new EnumMap<Output, Row>(Output.class);
        jdbc.sql("""
                        select output, target, due_on, proposed_target, proposed_due_on from award_planned_output
                        where award_id = :a""")
                .param("a", awardId)
                .query((rs, n) -> {
                    Date due = rs.getDate("due_on");
                    Date proposedDue = rs.getDate("proposed_due_on");
                    return new Row(
                            Output.valueOf(rs.getString("output")),
                            rs.getObject("target", Long.class),
                            due == null ? null : due.toLocalDate(),
                            rs.getObject("proposed_target", Long.class),
                            proposedDue == null ? null : proposedDue.toLocalDate());
                })
                .list()
                .forEach(r -> rows.put(r.output(), r));
        return rows;
    }

    /** The live actuals since the project's start, through today (or its end); absent where unknown. */
    private Map<Output, @Nullable Long> actuals(Awards.Project project, LocalDate today) {
        Map<Output, @Nullable Long> actuals = new EnumMap<>(Output.class);
        LocalDate to = today.isAfter(project.endsOn()) ? project.endsOn() : today;
        if (to.isBefore(project.startsOn())) {
            to = project.startsOn();
        }
        var programme = programmes.get(project.programmeId());
        var report = training.of(programme.organisationId(), List.of(project.organisationId()), project.startsOn(), to);
        var grantee = report.byGrantee().get(project.organisationId());
        actuals.put(Output.TRAININGS, grantee == null ? 0L : (long) grantee.sessions());
        if (project.links().isEmpty()) {
            return actuals;
        }
        var figures = impact.figures(
                ImpactRollups.Ref.project(project.id()), ReportedImpact.Filter.period(project.startsOn(), to));
        actuals.put(Output.BEHAVIOURS, figures.behaviours());
        actuals.put(Output.PARTICIPANTS, figures.participants());
        actuals.put(Output.REDUCTION_KG, figures.gramsRestated() / 1000);
        actuals.put(Output.REACH, figures.reach().hits());
        var communities = project.links().stream()
                .filter(l -> l.scopeKind().equals(Participation.ScopeKind.COMMUNITY.name()))
                .map(Awards.Link::scopeId)
                .toList();
        if (!communities.isEmpty()) {
            var until = ProgrammeCalendar.startOf(to.plusDays(1));
            var now = clock.instant();
            long held =
                    events
                            .ofCommunitiesStarting(communities, ProgrammeCalendar.startOf(project.startsOn()), until)
                            .stream()
                            .filter(e -> e.startsAt().isBefore(now))
                            .count();
            actuals.put(Output.EVENTS, held);
        }
        return actuals;
    }
}
