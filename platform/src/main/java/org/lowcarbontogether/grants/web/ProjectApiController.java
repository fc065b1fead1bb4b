package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.reporting.TrustReports;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Funded projects over the API: their impact and trust report (live for the grantee and officers, published otherwise),
 * links to the grantee's communities and campaigns, tranche payments, milestones and the grantee's reports.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class ProjectApiController {

    record Link(@Nullable String kind, @Nullable UUID scopeId) {}

    record Payment(@Nullable LocalDate paidOn, @Nullable String reference) {}

    record Completion(@Nullable LocalDate completedOn) {}

    record NewReport(
            @Nullable String kind,
            @Nullable LocalDate periodFrom,
            @Nullable LocalDate periodTo,
            @Nullable String narrative,
            @Nullable String keyFindings,
            @Nullable String recommendations,
            @Nullable Integer schedule) {}

    private final Awards awards;
    private final GranteeReports reports;
    private final ProgrammeImpact impact;

    ProjectApiController(Awards awards, GranteeReports reports, ProgrammeImpact impact) {
        this.awards = awards;
        this.reports = reports;
        this.impact = impact;
    }

    @GetMapping("/projects/{id}")
    @Operation(summary = "A funded project with its tranches, milestones and linked communities and campaigns")
    Awards.Project project(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var project = awards.project(id);
        return awards.mayManage(me, project) ? project : project.publicView();
    }

    @GetMapping("/projects/{id}/impact")
    @Operation(
            summary = "A project's impact",
            description =
                    "The grantee's organisers and the programme's officers see live figures over any period (default: the "
                            + "project's own period up to today). Everyone else sees the project's published totals (whole calendar "
                            + "months), withheld (204) while fewer than ten people make them up; a free period is 422.")
    ResponseEntity<ReportedImpact.Figures> projectImpact(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        var project = awards.project(id);
        if (awards.mayManage(me, project)) {
            return ResponseEntity.ok(impact.project(
                    id,
                    ReportedImpact.Filter.period(
                            from == null ? project.startsOn() : from, to == null ? GrantFilters.today() : to)));
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
    Awards.Project pay(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable int position,
            @RequestBody Payment body) {
        return awards.pay(me, id, position, body.paidOn(), body.reference());
    }

    @PostMapping("/projects/{id}/milestones/{position}/completion")
    @Operation(summary = "Mark a milestone reached (grantee organisers, officers)")
    Awards.Project complete(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable int position,
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
    @Operation(
            summary = "Submit a milestone or final report; its figures are the platform's, computed now for the period")
    ResponseEntity<GranteeReports.Report> report(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody NewReport body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(reports.submit(
                        me,
                        id,
                        body.kind(),
                        body.periodFrom(),
                        body.periodTo(),
                        body.narrative(),
                        body.keyFindings(),
                        body.recommendations(),
                        body.schedule()));
    }

    @GetMapping("/projects/{id}/trust")
    @Operation(
            summary =
                    "A project's trust report (live for its grantee and the programme's officers; published months otherwise)")
    ResponseEntity<TrustReports.Report> projectTrust(
            @AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var project = awards.project(id);
        var report = impact.projectTrust(project, awards.mayManage(me, project));
        return report == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(report);
    }
}
