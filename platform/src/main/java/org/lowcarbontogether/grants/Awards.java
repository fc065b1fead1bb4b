package org.lowcarbontogether.grants;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.reporting.ImpactRollups;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decisions and funded projects: officers award (amount, period, tranches with conditions, milestones) or decline with
 * a note the applicant sees; they record payments. A project links to its organisation's communities and campaigns —
 * from then on their activity since the project's start is the project's measured output, and the programme's.
 */
@Service
public class Awards {

    public record Tranche(
            int position,
            long amountFen,
            String condition,
            LocalDate dueOn,
            @Nullable LocalDate paidOn,
            @Nullable String paymentReference,
            @Nullable Integer afterReport) {}

    public record Milestone(
            int position,
            String title,
            LocalDate dueOn,
            @Nullable LocalDate completedOn) {}

    public record Link(String scopeKind, UUID scopeId, String name) {}

    /** A funded project: an awarded application. */
    public record Project(
            UUID id,
            UUID applicationId,
            String title,
            UUID organisationId,
            String organisationName,
            UUID programmeId,
            UUID callId,
            long amountFen,
            LocalDate startsOn,
            LocalDate endsOn,
            List<Tranche> tranches,
            List<Milestone> milestones,
            List<Link> links) {

        public long paidFen() {
            return tranches.stream()
                    .filter(t -> t.paidOn() != null)
                    .mapToLong(Tranche::amountFen)
                    .sum();
        }

        /** The project as the public sees it: without its tranches and milestones (payments are the grantee's and the office's). */
        public Project publicView() {
            return new Project(
                    id,
                    applicationId,
                    title,
                    organisationId,
                    organisationName,
                    programmeId,
                    callId,
                    amountFen,
                    startsOn,
                    endsOn,
                    List.of(),
                    List.of(),
                    links);
        }
    }

    public record TrancheForm(
            @Nullable Long amountFen,
            @Nullable String condition,
            @Nullable LocalDate dueOn) {}

    public record MilestoneForm(
            @Nullable String title, @Nullable LocalDate dueOn) {}

    public record Decision(
            boolean award,
            @Nullable String note,
            @Nullable Long amountFen,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable List<TrancheForm> tranches,
            @Nullable List<MilestoneForm> milestones) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Applications applications;
    private final GrantCalls calls;
    private final Programmes programmes;
    private final Organisations organisations;
    private final Communities communities;
    private final Campaigns campaigns;
    private final ImpactRollups rollups;
    private final ApplicationEventPublisher events;

    Awards(
            JdbcClient jdbc,
            Clock clock,
            Applications applications,
            GrantCalls calls,
            Programmes programmes,
            Organisations organisations,
            Communities communities,
            Campaigns campaigns,
            ImpactRollups rollups,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.applications = applications;
        this.calls = calls;
        this.programmes = programmes;
        this.organisations = organisations;
        this.communities = communities;
        this.campaigns = campaigns;
        this.rollups = rollups;
    }

    @Transactional
    public Applications.Application decide(Actor me, UUID applicationId, Decision decision) {
        var application = applications.lock(applicationId);
        programmes.officerOf(me, application.programmeId());
        requireIndependent(me, application.organisationId());
        if (application.status() == Applications.Status.AWARDED
                || application.status() == Applications.Status.DECLINED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "application-decided", null);
        }
        String note = decision.note() == null || decision.note().isBlank()
                ? null
                : decision.note().strip();
        if (!decision.award()) {
            if (note == null) {
                throw Refusal.invalid(List.of(Violation.of("note", "story-reason-required")));
            }
            applications.setStatus(applicationId, Applications.Status.DECLINED, note);
            return applications.find(applicationId);
        }
        // Lock the call, so two awards cannot together exceed its budget.
        jdbc.sql("select id from grant_call where id = :id for update")
                .param("id", application.callId())
                .query(UUID.class)
                .single();
        var call = calls.get(application.callId());
        var violations = new ArrayList<Violation>();
        long amount = decision.amountFen() == null ? 0 : decision.amountFen();
        if (amount <= 0 || amount > call.maxGrantFen()) {
            violations.add(Violation.of("amountFen", "number-range", 1, call.maxGrantFen()));
        } else if (amount > call.budgetFen() - call.awardedFen()) {
            violations.add(Violation.of("amountFen", "award-over-budget", call.budgetFen() - call.awardedFen()));
        }
        if (decision.startsOn() == null
                || decision.endsOn() == null
                || decision.endsOn().isBefore(decision.startsOn())) {
            violations.add(Violation.of("endsOn", "campaign-ends-before-start"));
        }
        var tranches = decision.tranches() == null ? List.<TrancheForm>of() : decision.tranches();
        long sum = tranches.stream()
                .mapToLong(t -> t.amountFen() == null ? 0 : t.amountFen())
                .sum();
        if (tranches.isEmpty()
                || sum != amount
                || tranches.stream().anyMatch(t -> t.amountFen() == null || t.amountFen() <= 0 || t.dueOn() == null)) {
            violations.add(Violation.of("tranches", "award-tranches", amount, sum));
        }
        var milestones = decision.milestones() == null ? List.<MilestoneForm>of() : decision.milestones();
        if (milestones.stream().anyMatch(m -> m.title() == null || m.title().isBlank() || m.dueOn() == null)) {
            violations.add(Violation.of("milestones", "award-milestones"));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        UUID awardId = UUID.randomUUID();
        jdbc.sql("""
                        insert into grant_award (id, application_id, amount_fen, starts_on, ends_on, awarded_by, awarded_at)
                        values (:id, :app, :amount, :starts, :ends, :me, :now)""")
                .param("id", awardId)
                .param("app", applicationId)
                .param("amount", amount)
                .param("starts", Date.valueOf(decision.startsOn()))
                .param("ends", Date.valueOf(decision.endsOn()))
                .param("me", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        for (int i = 0; i < tranches.size(); i++) {
            var t = tranches.get(i);
            jdbc.sql(
                            "insert into award_tranche (award_id, position, amount_fen, condition, due_on) values (:a, :p, :amount, :c, :due)")
                    .param("a", awardId)
                    .param("p", i + 1)
                    .param("amount", t.amountFen())
                    .param("c", t.condition() == null ? "" : t.condition().strip())
                    .param("due", Date.valueOf(t.dueOn()))
                    .update();
        }
        for (int i = 0; i < milestones.size(); i++) {
            var m = milestones.get(i);
            jdbc.sql("insert into award_milestone (award_id, position, title, due_on) values (:a, :p, :t, :due)")
                    .param("a", awardId)
                    .param("p", i + 1)
                    .param(
                            "t",
                            Objects.requireNonNull(m.title(), "checked above").strip())
                    .param("due", Date.valueOf(m.dueOn()))
                    .update();
        }
        applications.setStatus(applicationId, Applications.Status.AWARDED, note);
        return applications.find(applicationId);
    }

    /** Records a tranche as paid (officers), with the payment's reference. */
    @Transactional
    public Project pay(Actor me, UUID projectId, int position, @Nullable LocalDate paidOn, @Nullable String reference) {
        Project project = project(projectId);
        programmes.officerOf(me, project.programmeId());
        requireIndependent(me, project.organisationId());
        if (paidOn == null || reference == null || reference.isBlank()) {
            throw Refusal.invalid(List.of(Violation.of("paymentReference", "award-payment")));
        }
        // A tranche that waits for a scheduled report is released only once that report is accepted.
        Integer afterReport = jdbc.sql("""
                        select after_report from award_tranche
                        where award_id = :a and position = :p and after_report is not null""")
                .param("a", projectId)
                .param("p", position)
                .query(Integer.class)
                .optional()
                .orElse(null);
        if (afterReport != null
                && jdbc.sql("""
                                        select count(*) from grantee_report
                                        where award_id = :a and schedule_position = :s and review_status = 'ACCEPTED'""")
                                .param("a", projectId)
                                .param("s", afterReport)
                                .query(Long.class)
                                .single()
                        == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "tranche-awaits-report", null, afterReport);
        }
        int updated = jdbc.sql("""
                        update award_tranche set paid_on = :paid, payment_reference = :ref
                        where award_id = :a and position = :p and paid_on is null""")
                .param("paid", Date.valueOf(paidOn))
                .param("ref", reference.strip())
                .param("a", projectId)
                .param("p", position)
                .update();
        if (updated == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "award-tranche-paid", null);
        }
        long amount = project.tranches().stream()
                .filter(t -> t.position() == position)
                .mapToLong(Tranche::amountFen)
                .sum();
        events.publishEvent(
                new TrancheReleased(projectId, project.organisationId(), project.title(), position, amount, paidOn));
        return project(projectId);
    }

    /** The grantee (or an officer) marks a milestone as reached. */
    @Transactional
    public Project complete(Actor me, UUID projectId, int position, @Nullable LocalDate on) {
        Project project = manageable(me, projectId);
        jdbc.sql("update award_milestone set completed_on = :on where award_id = :a and position = :p")
                .param("on", Date.valueOf(on == null ? ProgrammeCalendar.today(clock) : on))
                .param("a", project.id())
                .param("p", position)
                .update();
        return project(projectId);
    }

    /**
     * Links a community or campaign of the grantee organisation to the project: its activity since the project's start
     * counts as the project's (and the programme's) output.
     */
    @Transactional
    public Project link(Actor me, UUID projectId, @Nullable String kind, @Nullable UUID scopeId) {
        Project project = manageable(me, projectId);
        Participation.ScopeKind scopeKind;
        try {
            scopeKind = Participation.ScopeKind.valueOf(
                    kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(List.of(Violation.of("kind", "value-unknown", kind == null ? "" : kind)));
        }
        if (scopeId == null) {
            throw Refusal.invalid(List.of(Violation.of("scopeId", "field-required", "scopeId")));
        }
        UUID owner = switch (scopeKind) {
            case COMMUNITY -> communities.get(scopeId).organisationId();
            case CAMPAIGN -> campaigns.get(scopeId).organisationId();
        };
        if (!owner.equals(project.organisationId())) {
            throw Refusal.unacceptable("project-link-foreign", "scopeId");
        }
        jdbc.sql("insert into project_link (award_id, scope_kind, scope_id) values (:a, :k, :s) on conflict do nothing")
                .param("a", projectId)
                .param("k", scopeKind.name())
                .param("s", scopeId)
                .update();
        var scope = new Participation.Scope(scopeKind, scopeId);
        rollups.follow(ImpactRollups.Ref.project(projectId), scope, project.startsOn());
        rollups.follow(ImpactRollups.Ref.programme(project.programmeId()), scope, project.startsOn());
        return project(projectId);
    }

    public Project project(UUID id) {
        return jdbc.sql(SELECT + " where w.id = :id")
                .param("id", id)
                .query(Row.class)
                .optional()
                .map(this::project)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "project-unknown", "id", id));
    }

    public Optional<Project> ofApplication(UUID applicationId) {
        return jdbc.sql(SELECT + " where w.application_id = :a")
                .param("a", applicationId)
                .query(Row.class)
                .optional()
                .map(this::project);
    }

    public List<Project> ofProgramme(UUID programmeId) {
        return jdbc
                .sql(SELECT + " where c.programme_id = :p order by w.awarded_at")
                .param("p", programmeId)
                .query(PROJECT_ROWS)
                .list()
                .stream()
                .map(this::project)
                .toList();
    }

    /** The funded projects of these organisations (a coalition's members), oldest award first. */
    public List<Project> ofOrganisations(Collection<UUID> organisationIds) {
        if (organisationIds.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql(SELECT + " where a.organisation_id in (:orgs) order by w.awarded_at")
                .param("orgs", List.copyOf(organisationIds))
                .query(PROJECT_ROWS)
                .list()
                .stream()
                .map(this::project)
                .toList();
    }

    /** A grantee report falling due: a milestone's (until the milestone is reached) or the final one (until submitted). */
    public record ReportDue(
            UUID projectId,
            String projectTitle,
            UUID organisationId,
            GranteeReports.Kind kind,
            int milestone,
            String milestoneTitle,
            LocalDate dueOn) {}

    /** A tranche not paid by its due date. */
    public record UnpaidTranche(
            UUID projectId,
            String projectTitle,
            UUID organisationId,
            int position,
            long amountFen,
            String condition,
            LocalDate dueOn) {}

    /**
     * The reports falling due on a day: each milestone not yet reached is due on its date (position and title given),
     * the final report on the project's last day unless it was submitted (milestone 0, no title).
     */
    @Transactional(readOnly = true)
    public List<ReportDue> reportsDueOn(LocalDate day) {
        return jdbc.sql("""
                        select w.id, a.title, a.organisation_id, 'MILESTONE' as kind, m.position, m.title as milestone_title,
                            m.due_on
                        from award_milestone m join grant_award w on w.id = m.award_id
                            join grant_application a on a.id = w.application_id
                        where m.due_on = :day and m.completed_on is null
                        union all
                        select w.id, a.title, a.organisation_id, 'FINAL', 0, '', w.ends_on
                        from grant_award w join grant_application a on a.id = w.application_id
                        where w.ends_on = :day
                          and not exists (select 1 from grantee_report r where r.award_id = w.id and r.kind = 'FINAL')
                          and not exists (select 1 from award_report_schedule s where s.award_id = w.id)
                        order by 1, 5""")
                .param("day", Date.valueOf(day))
                .query((rs, n) -> new ReportDue(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        GranteeReports.Kind.valueOf(rs.getString(4)),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getDate(7).toLocalDate()))
                .list();
    }

    /** The tranches due in [from, to] and not paid yet. */
    @Transactional(readOnly = true)
    public List<UnpaidTranche> unpaidTranchesDue(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select w.id, a.title, a.organisation_id, t.position, t.amount_fen, t.condition, t.due_on
                        from award_tranche t join grant_award w on w.id = t.award_id
                            join grant_application a on a.id = w.application_id
                        where t.due_on between :from and :to and t.paid_on is null
                        order by t.due_on, w.id, t.position""")
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new UnpaidTranche(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getInt(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getDate(7).toLocalDate()))
                .list();
    }

    /** Whether the caller runs the project (its organisation's organiser) or its programme (an officer). */
    /** Four eyes: an officer who belongs to the applicant organisation neither decides its application nor pays it. */
    void requireIndependent(Actor me, UUID applicantOrganisation) {
        if (organisations.isMember(me.id(), applicantOrganisation)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "grant-own-organisation", null);
        }
    }

    /** Whether the caller belongs to the organisation (as a member in any role). */
    boolean isMemberOf(Actor me, UUID organisationId) {
        return organisations.isMember(me.id(), organisationId);
    }

    public boolean mayManage(@Nullable Actor me, Project project) {
        return me != null
                && (organisations.isOrganiser(me.id(), project.organisationId())
                        || programmes.isOfficer(me, project.programmeId()));
    }

    public Project manageable(Actor me, UUID projectId) {
        Project project = project(projectId);
        if (!mayManage(me, project)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
        return project;
    }

    /** A project's own row; its tranches, milestones and links are read after the row, never inside its mapping. */
    private record Row(
            UUID id,
            UUID applicationId,
            String title,
            UUID organisationId,
            String organisationName,
            UUID programmeId,
            UUID callId,
            long amountFen,
            LocalDate startsOn,
            LocalDate endsOn) {}

    // Reading more inside a row mapper would hold one connection while asking for another: enough concurrent requests
    // and the pool deadlocks. So the rows are read first, then completed.
    private Project project(Row r) {
        var tranches = jdbc.sql(
                        "select position, amount_fen, condition, due_on, paid_on, payment_reference, after_report from award_tranche where award_id = :a order by position")
                .param("a", r.id())
                .query(TRANCHE_ROWS)
                .list();
        var milestones = jdbc.sql(
                        "select position, title, due_on, completed_on from award_milestone where award_id = :a order by position")
                .param("a", r.id())
                .query(MILESTONE_ROWS)
                .list();
        var links = jdbc
                .sql("select scope_kind, scope_id from project_link where award_id = :a order by scope_kind")
                .param("a", r.id())
                .query((rs, n) -> new Object[] {rs.getString("scope_kind"), rs.getObject("scope_id", UUID.class)})
                .list()
                .stream()
                .map(l -> {
                    String kind = (String) l[0];
                    UUID scope = (UUID) l[1];
                    String name = kind.equals("COMMUNITY")
                            ? communities
                                    .find(scope)
                                    .map(Communities.Community::name)
                                    .orElse("?")
                            : campaigns
                                    .find(scope)
                                    .map(Campaigns.Campaign::name)
                                    .orElse("?");
                    return new Link(kind, scope, name);
                })
                .toList();
        return new Project(
                r.id(),
                r.applicationId(),
                r.title(),
                r.organisationId(),
                r.organisationName(),
                r.programmeId(),
                r.callId(),
                r.amountFen(),
                r.startsOn(),
                r.endsOn(),
                tranches,
                milestones,
                links);
    }

    private static final RowMapper<Row> PROJECT_ROWS = new SimplePropertyRowMapper<>(Row.class);
    private static final RowMapper<Tranche> TRANCHE_ROWS = new SimplePropertyRowMapper<>(Tranche.class);
    private static final RowMapper<Milestone> MILESTONE_ROWS = new SimplePropertyRowMapper<>(Milestone.class);

    private static final String SELECT = """
            select w.id, w.application_id, a.title, a.organisation_id, o.name as organisation_name, c.programme_id, a.call_id,
                w.amount_fen, w.starts_on, w.ends_on
            from grant_award w join grant_application a on a.id = w.application_id join grant_call c on c.id = a.call_id
                join organisation o on o.id = a.organisation_id""";
}
