package org.lowcarbontogether.grants.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.reporting.TrustReports;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
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
 * Grant programmes over the API: created by administrators, staffed with officers, with the assumptions of their
 * potential and their executive summary; their impact (live for officers, published otherwise), open data and trust
 * report are public.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "Grant programme",
        description = "Calls, applications, reviews, awards, projects, reports and programme impact")
class ProgrammeApiController {

    record NewProgramme(
            @Nullable String name,
            @Nullable String description,
            @Nullable UUID organisationId) {}

    record PotentialModel(
            @Nullable Integer minWeeks,
            @Nullable Integer windowWeeks,
            @Nullable BigDecimal persistence) {}

    record Summary(@Nullable String keyFindings, @Nullable String recommendations) {}

    private final Programmes programmes;
    private final ProgrammeImpact impact;

    ProgrammeApiController(Programmes programmes, ProgrammeImpact impact) {
        this.programmes = programmes;
        this.impact = impact;
    }

    @GetMapping("/programmes")
    @Operation(summary = "All grant programmes")
    List<Programmes.Programme> programmes() {
        return programmes.all();
    }

    @PostMapping("/programmes")
    @Operation(summary = "Create a programme (administrators)")
    ResponseEntity<Programmes.Programme> createProgramme(
            @AuthenticationPrincipal Actor me, @RequestBody NewProgramme body) {
        var programme = programmes.create(me, body.name(), body.description(), body.organisationId());
        return ResponseEntity.created(URI.create("/api/v1/programmes/" + programme.id()))
                .body(programme);
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
    Programmes.Programme potential(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody PotentialModel body) {
        return programmes.assume(me, id, body.minWeeks(), body.windowWeeks(), body.persistence());
    }

    @PutMapping("/programmes/{id}/summary")
    @Operation(summary = "Write the executive summary's key findings and policy recommendations (officers)")
    Programmes.Programme summary(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Summary body) {
        return programmes.summarise(me, id, body.keyFindings(), body.recommendations());
    }

    @GetMapping("/programmes/{id}/impact")
    @Operation(
            summary =
                    "A programme's impact: behaviours, direct reduction (recorded and restated), participants and retention, "
                            + "reach, the potential continuing annual reduction with its assumptions, breakdowns and every project",
            description =
                    "Definitions: /impact/definitions. The programme's officers see live figures for any period (from, to) "
                            + "and filter (evidence, region, category). Everyone else sees the published figures: calendar months, each "
                            + "published once no record can be made for it any more (30 days after its end), optionally one month "
                            + "(month=YYYY-MM) and one category, region or evidence level; groups of fewer than ten people, and any "
                            + "figure that would reveal one by subtraction, are suppressed (422 when selected); a free period is 422.")
    ProgrammeImpact.View impact(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable YearMonth month,
            @RequestParam(required = false) @Nullable String evidence,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable String category) {
        return GrantFilters.view(
                impact, programmes.isOfficer(me, id), id, from, to, evidence, region, category, month, true);
    }

    @GetMapping("/open-data/programmes/{id}/impact")
    @Operation(
            summary = "Open data: a programme's published aggregates by month, category, region or evidence level",
            description =
                    "Published by calendar month (see the impact endpoint): by=MONTH, or by=CATEGORY|REGION|EVIDENCE over the "
                            + "published period or within one published month (month=YYYY-MM). Groups of fewer people than the minimum "
                            + "group size (lct.open-data.min-group-size, 10 by default), and any group that would reveal one by "
                            + "subtraction from totals or other tables, are suppressed: their figures are null and 'suppressed' is "
                            + "true. Free periods (from, to) are for the programme's officers, who see live figures; anyone else gets 422.")
    List<ProgrammeImpact.OpenLine> openData(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
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
    @Operation(
            summary =
                    "A programme's trust report: reduction by evidence level and channel, held, rejected and reversed "
                            + "records, concentration in the largest contributors, outliers",
            description =
                    "Live for the programme's officers; for everyone else over the published months, with lines of "
                            + "fewer than ten people suppressed (204 while nothing is published).")
    ResponseEntity<TrustReports.Report> trust(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var report = impact.trust(id, programmes.isOfficer(me, id));
        return report == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(report);
    }
}
