package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ReportingCycle;
import org.lowcarbontogether.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The project page's reporting-cycle forms: the schedule, a tranche's wait for a report, review and resubmission. */
@Controller
class ReportingCyclePageController {

    private final ReportingCycle cycle;
    private final GranteeReports reports;
    private final FormActions actions;

    ReportingCyclePageController(ReportingCycle cycle, GranteeReports reports, FormActions actions) {
        this.cycle = cycle;
        this.reports = reports;
        this.actions = actions;
    }

    @PostMapping("/projects/{id}/report-schedule")
    String schedule(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate dueOn,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act("/projects/" + id + "#schedule", redirect, locale, () -> cycle.add(me, id, kind, dueOn));
    }

    @PostMapping("/projects/{id}/tranches/{position}/after-report")
    String afterReport(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable int position,
            @RequestParam(required = false) @Nullable Integer report,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/projects/" + id + "#tranches", redirect, locale, () -> cycle.trancheAfter(me, id, position, report));
    }

    @PostMapping("/reports/{id}/review")
    String review(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String reasons,
            RedirectAttributes redirect,
            Locale locale) {
        UUID project = reports.report(me, id).projectId();
        return actions.act(
                "/projects/" + project + "#report-" + id,
                redirect,
                locale,
                () -> reports.review(me, id, decision, reasons));
    }

    @PostMapping("/reports/{id}/resubmission")
    String resubmit(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String narrative,
            @RequestParam(required = false) @Nullable String keyFindings,
            @RequestParam(required = false) @Nullable String recommendations,
            RedirectAttributes redirect,
            Locale locale) {
        UUID project = reports.report(me, id).projectId();
        return actions.act(
                "/projects/" + project + "#report-" + id,
                redirect,
                locale,
                () -> reports.resubmit(me, id, narrative, keyFindings, recommendations));
    }
}
