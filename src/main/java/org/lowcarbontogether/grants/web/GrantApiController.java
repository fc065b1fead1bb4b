package org.lowcarbontogether.grants.web;

import org.lowcarbontogether.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.reporting.TrustReports;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The grant cycle and the programme's impact over the API. Applicants see their own applications, reviewers the ones
 * assigned to them, officers everything in their programme; impact and open data are public.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Grant programme", description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class GrantApiController {

    record NewProgramme(@Nullable String name, @Nullable String description, @Nullable UUID organisationId) {}

    record Email(@Nullable String email) {}

    record PotentialModel(@Nullable Integer minWeeks, @Nullable Integer windowWeeks, @Nullable BigDecimal persistence) {}

    record Summary(@Nullable String keyFindings, @Nullable String recommendations) {}

    record Declaration(@Nullable Boolean hasConflict, @Nullable String note) {}

    record Scores(@Nullable List<Reviews.ScoreForm> scores) {}

    record Link(@Nullable String kind, @Nullable UUID scopeId) {}

    record Payment(@Nullable LocalDate paidOn, @Nullable String reference) {}

    record Completion(@Nullable LocalDate completedOn) {}

    record NewReport(@Nullable String kind, @Nullable LocalDate periodFrom, @Nullable LocalDate periodTo, @Nullable String narrative,
            @Nullable String keyFindings, @Nullable String recommendations) {}

    record ApplicationView(Applications.Application application, List<Applications.Attachment> attachments,
            List<Reviews.Assignment> reviewers, List<Reviews.Review> reviews, Awards.@Nullable Project project) {}

    private final Programmes programmes;
    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;
    private final GranteeReports reports;
    private final ProgrammeImpact impact;

    GrantApiController(Programmes programmes, GrantCalls calls, Applications applications, Reviews reviews, Awards awards,
            GranteeReports reports, ProgrammeImpact impact) {
        this.programmes = programmes;
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
        this.reports = reports;
        this.impact = impact;
    }

    @GetMapping("/programmes")
    @Operation(summary = "All grant programmes")
    List<Programmes.Programme> programmes() {
        return programmes.all();
    }

    @PostMapping("/programmes")
    @Operation(summary = "Create a programme (administrators)")
    ResponseEntity<Programmes.Programme> createProgramme(@AuthenticationPrincipal Actor me, @RequestBody NewProgramme body) {
        var programme = programmes.create(me, body.name(), body.description(), body.organisationId());
        return ResponseEntity.created(URI.create("/api/v1/programmes/" + programme.id())).body(programme);
    }

    @GetMapping("/programmes/{id}")
    @Operation(summary = "A programme")
    Programmes.Programme programme(@PathVariable UUID id) {
        return programmes.get(id);
    }

    @PostMapping("/programmes/{id}/officers")
    @Operation(summary = "Appoint a programme officer by email (administrators)")
    ResponseEntity<Void> officer(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Email body) {
        programmes.appointOfficer(me, id, body.email());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/programmes/{id}/potential-model")
    @Operation(summary = "Set the assumptions of the potential continuing annual reduction (officers)")
    Programmes.Programme potential(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody PotentialModel body) {
        return programmes.assume(me, id, body.minWeeks(), body.windowWeeks(), body.persistence());
    }

    @PutMapping("/programmes/{id}/summary")
    @Operation(summary = "Write the executive summary's key findings and policy recommendations (officers)")
    Programmes.Programme summary(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Summary body) {
        return programmes.summarise(me, id, body.keyFindings(), body.recommendations());
    }

    @GetMapping("/programmes/{id}/impact")
    @Operation(summary = "A programme's impact: behaviours, direct reduction (recorded and restated), participants and retention, "
            + "reach, the potential continuing annual reduction with its assumptions, breakdowns and every project",
            description = "Definitions: /impact/definitions. The programme's officers see live figures for any period (from, to) "
                    + "and filter (evidence, region, category). Everyone else sees the published figures: calendar months, each "
                    + "published once no record can be made for it any more (30 days after its end), optionally one month "
                    + "(month=YYYY-MM) and one category, region or evidence level; groups of fewer than ten people, and any "
                    + "figure that would reveal one by subtraction, are suppressed (422 when selected); a free period is 422.")
    ProgrammeImpact.View impact(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable YearMonth month,
            @RequestParam(required = false) @Nullable String evidence, @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String category) {
        return GrantFilters.view(impact, programmes.isOfficer(me, id), id, from, to, evidence, region, category, month, true);
    }

    @GetMapping("/open-data/programmes/{id}/impact")
    @Operation(summary = "Open data: a programme's published aggregates by month, category, region or evidence level",
            description = "Published by calendar month (see the impact endpoint): by=MONTH, or by=CATEGORY|REGION|EVIDENCE over the "
                    + "published period or within one published month (month=YYYY-MM). Groups of fewer people than the minimum "
                    + "group size (lct.open-data.min-group-size, 10 by default), and any group that would reveal one by "
                    + "subtraction from totals or other tables, are suppressed: their figures are null and 'suppressed' is "
                    + "true. Free periods (from, to) are for the programme's officers, who see live figures; anyone else gets 422.")
    List<ProgrammeImpact.OpenLine> openData(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id,
            @RequestParam(defaultValue = "REGION") ReportedImpact.Dimension by,
            @RequestParam(required = false) @Nullable YearMonth month,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        if (from != null || to != null) {
            if (!programmes.isOfficer(me, id)) {
                throw Refusal.unacceptable("impact-free-period", "from");
            }
            return impact.liveOpenData(id, GrantFilters.of(impact, id, from, to, null, null, null), by);
        }
        return impact.openData(id, by, month);
    }

    @GetMapping("/programmes/{id}/trust")
    @Operation(summary = "A programme's trust report: reduction by evidence level and channel, held, rejected and reversed "
            + "records, concentration in the largest contributors, outliers",
            description = "Live for the programme's officers; for everyone else over the published months, with lines of "
                    + "fewer than ten people suppressed (204 while nothing is published).")
    ResponseEntity<TrustReports.Report> trust(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var report = impact.trust(id, programmes.isOfficer(me, id));
        return report == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(report);
    }

    @GetMapping("/projects/{id}/trust")
    @Operation(summary = "A project's trust report (live for its grantee and the programme's officers; published months otherwise)")
    ResponseEntity<TrustReports.Report> projectTrust(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var project = awards.project(id);
        var report = impact.projectTrust(project, awards.mayManage(me, project));
        return report == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(report);
    }

    @GetMapping("/calls")
    @Operation(summary = "All calls for proposals")
    List<GrantCalls.Call> calls() {
        return calls.all();
    }

    @GetMapping("/calls/{id}")
    @Operation(summary = "A call for proposals")
    GrantCalls.Call call(@PathVariable UUID id) {
        return calls.get(id);
    }

    @PostMapping("/programmes/{id}/calls")
    @Operation(summary = "Open a call (officers): budget and maximum grant in fen, themes, criteria whose weights add up to 100")
    ResponseEntity<GrantCalls.Call> openCall(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestBody GrantCalls.CallForm body) {
        var call = calls.create(me, id, body);
        return ResponseEntity.created(URI.create("/api/v1/calls/" + call.id())).body(call);
    }

    @PostMapping("/calls/{id}/applications")
    @Operation(summary = "Apply to an open call for an organisation the caller organises (attachments: on the application page)")
    ResponseEntity<Applications.Application> apply(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestBody Applications.ApplicationForm body) {
        var application = applications.submit(me, id, body, List.of());
        return ResponseEntity.created(URI.create("/api/v1/applications/" + application.id())).body(application);
    }

    @GetMapping("/calls/{id}/ranking")
    @Operation(summary = "A call's applications ranked by weighted review score (officers)")
    List<Reviews.Ranked> ranking(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return reviews.ranking(me, id);
    }

    @GetMapping("/applications")
    @Operation(summary = "Applications the caller may see: their organisations', those assigned to them, those of their programmes")
    List<Applications.Application> applications(@AuthenticationPrincipal Actor me) {
        return applications.visibleTo(me);
    }

    @GetMapping("/applications/{id}")
    @Operation(summary = "An application (404 for anyone who may not see it); reviews only for officers")
    ApplicationView application(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var application = applications.visible(me, id);
        boolean officer = applications.standing(me, application).contains(Applications.Standing.OFFICER);
        return new ApplicationView(application, applications.attachments(me, id), officer ? reviews.assignments(id) : List.of(),
                officer ? reviews.reviews(id) : List.of(), awards.ofApplication(id).orElse(null));
    }

    @PostMapping("/applications/{id}/reviewers")
    @Operation(summary = "Assign a reviewer by email (officers)")
    Reviews.Assignment assign(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Email body) {
        return reviews.assign(me, id, body.email());
    }

    @PostMapping("/applications/{id}/conflict-declaration")
    @Operation(summary = "Declare a conflict of interest or its absence, before scoring (the assigned reviewer)")
    Reviews.Assignment declare(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Declaration body) {
        return reviews.declare(me, id, body.hasConflict(), body.note());
    }

    @PutMapping("/applications/{id}/review")
    @Operation(summary = "Score every criterion 0–10 with comments (the assigned reviewer, without a conflict)")
    Reviews.Review review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Scores body) {
        return reviews.score(me, id, body.scores() == null ? List.of() : body.scores());
    }

    @PostMapping("/applications/{id}/decision")
    @Operation(summary = "Award (amount, period, tranches adding up to the amount, milestones) or decline with a note (officers)")
    Applications.Application decide(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Awards.Decision body) {
        return awards.decide(me, id, body);
    }

    @GetMapping("/projects/{id}")
    @Operation(summary = "A funded project with its tranches, milestones and linked communities and campaigns")
    Awards.Project project(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var project = awards.project(id);
        return awards.mayManage(me, project) ? project : project.publicView();
    }

    @GetMapping("/projects/{id}/impact")
    @Operation(summary = "A project's impact",
            description = "The grantee's organisers and the programme's officers see live figures over any period (default: the "
                    + "project's own period up to today). Everyone else sees the project's published totals (whole calendar "
                    + "months), withheld (204) while fewer than ten people make them up; a free period is 422.")
    ResponseEntity<ReportedImpact.Figures> projectImpact(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        var project = awards.project(id);
        if (awards.mayManage(me, project)) {
            return ResponseEntity.ok(impact.project(id, ReportedImpact.Filter.period(from == null ? project.startsOn() : from,
                    to == null ? GrantFilters.today() : to)));
        }
        if (from != null || to != null) {
            throw Refusal.unacceptable("impact-free-period", "from");
        }
        var published = impact.publicProject(project);
        return published.withheld() ? ResponseEntity.noContent().build() : ResponseEntity.ok(published.figures());
    }

    @PostMapping("/projects/{id}/links")
    @Operation(summary = "Link a community or campaign of the grantee organisation (grantee organisers, officers)")
    Awards.Project link(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Link body) {
        return awards.link(me, id, body.kind(), body.scopeId());
    }

    @PostMapping("/projects/{id}/tranches/{position}/payment")
    @Operation(summary = "Record a tranche's payment (officers)")
    Awards.Project pay(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable int position,
            @RequestBody Payment body) {
        return awards.pay(me, id, position, body.paidOn(), body.reference());
    }

    @PostMapping("/projects/{id}/milestones/{position}/completion")
    @Operation(summary = "Mark a milestone reached (grantee organisers, officers)")
    Awards.Project complete(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable int position,
            @RequestBody(required = false) @Nullable Completion body) {
        return awards.complete(me, id, position, body == null ? null : body.completedOn());
    }

    @GetMapping("/projects/{id}/reports")
    @Operation(summary = "A project's reports (grantee organisers, officers)")
    List<GranteeReports.Report> reports(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        awards.manageable(me, id);
        return reports.reports(id);
    }

    @PostMapping("/projects/{id}/reports")
    @Operation(summary = "Submit a milestone or final report; its figures are the platform's, computed now for the period")
    ResponseEntity<GranteeReports.Report> report(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestBody NewReport body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(reports.submit(me, id, body.kind(), body.periodFrom(), body.periodTo(),
                body.narrative(), body.keyFindings(), body.recommendations()));
    }
}
