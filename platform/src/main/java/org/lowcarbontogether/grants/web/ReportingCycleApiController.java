package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ReportingCycle;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reporting cycle over the API: an award's report schedule, tranches that wait for a report, the officer's review
 * of a report (accept, or request changes with reasons) and the grantee's resubmission.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class ReportingCycleApiController {

    record NewScheduled(@Nullable String kind, @Nullable LocalDate dueOn) {}

    record AfterReport(@Nullable Integer report) {}

    record Decision(@Nullable String decision, @Nullable String reasons) {}

    record Revision(
            @Nullable String narrative,
            @Nullable String keyFindings,
            @Nullable String recommendations) {}

    private final ReportingCycle cycle;
    private final GranteeReports reports;

    ReportingCycleApiController(ReportingCycle cycle, GranteeReports reports) {
        this.cycle = cycle;
        this.reports = reports;
    }

    @GetMapping("/awards/{id}/report-schedule")
    @Operation(summary = "An award's report schedule with each report's state (grantee organisers, officers)")
    List<ReportingCycle.Scheduled> schedule(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return cycle.schedule(me, id);
    }

    @PostMapping("/awards/{id}/report-schedule")
    @Operation(summary = "Schedule an interim or final report with its due date (officers)")
    ResponseEntity<List<ReportingCycle.Scheduled>> add(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody NewScheduled body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cycle.add(me, id, body.kind(), body.dueOn()));
    }

    @PutMapping("/awards/{id}/tranches/{position}/after-report")
    @Operation(
            summary = "Make a tranche wait for a scheduled report (officers)",
            description = "The tranche's payment is refused (409) until that report is accepted; null lifts the wait.")
    Awards.Project afterReport(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable int position,
            @RequestBody AfterReport body) {
        return cycle.trancheAfter(me, id, position, body.report());
    }

    @GetMapping("/reports/{id}")
    @Operation(summary = "A grantee report with its reviews (its grantee organisers, the programme's officers)")
    GranteeReports.Report report(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return reports.report(me, id);
    }

    @PostMapping("/reports/{id}/review")
    @Operation(summary = "Accept a report, or request changes with reasons (officers)")
    GranteeReports.Report review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Decision body) {
        return reports.review(me, id, body.decision(), body.reasons());
    }

    @PutMapping("/reports/{id}")
    @Operation(summary = "Resubmit a report returned with a request for changes (grantee organisers)")
    GranteeReports.Report resubmit(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Revision body) {
        return reports.resubmit(me, id, body.narrative(), body.keyFindings(), body.recommendations());
    }
}
