package org.lowcarbontogether.grants.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.reporting.TrustReports;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Trust reports — what a programme's or a project's reduction rests on: evidence levels and channels, held, rejected
 * and reversed records, concentration and outliers — as a page and as CSV. Live for those who run it, published
 * months for everyone else.
 */
@Controller
class TrustReportPageController {

    private final Programmes programmes;
    private final Awards awards;
    private final ProgrammeImpact impact;

    TrustReportPageController(Programmes programmes, Awards awards, ProgrammeImpact impact) {
        this.programmes = programmes;
        this.awards = awards;
        this.impact = impact;
    }

    @GetMapping("/programmes/{id}/trust")
    String trust(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var programme = programmes.get(id);
        model.addAttribute("title", programme.name());
        model.addAttribute("back", "/programmes/" + id);
        model.addAttribute("csv", "/programmes/" + id + "/trust.csv");
        model.addAttribute("report", impact.trust(id, programmes.isOfficer(me, id)));
        return "grants/trust";
    }

    @GetMapping("/programmes/{id}/trust.csv")
    ResponseEntity<byte[]> trustCsv(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        return ReportExports.csv(trustTable(impact.trust(id, programmes.isOfficer(me, id))));
    }

    @GetMapping("/projects/{id}/trust")
    String projectTrust(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var project = awards.project(id);
        model.addAttribute("title", project.title());
        model.addAttribute("back", "/projects/" + id);
        model.addAttribute("csv", "/projects/" + id + "/trust.csv");
        model.addAttribute("report", impact.projectTrust(project, awards.mayManage(me, project)));
        return "grants/trust";
    }

    @GetMapping("/projects/{id}/trust.csv")
    ResponseEntity<byte[]> projectTrustCsv(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        var project = awards.project(id);
        return ReportExports.csv(trustTable(impact.projectTrust(project, awards.mayManage(me, project))));
    }

    /** A trust report as one table: section, key, records, grams, people, share of the grams. */
    private static ReportExports.Table trustTable(TrustReports.@Nullable Report report) {
        var rows = new ArrayList<List<Object>>();
        if (report != null) {
            rows.add(Arrays.asList("total", "", report.records(), report.grams(), report.people(), null));
            report.byEvidence()
                    .forEach(l -> rows.add(
                            Arrays.asList("evidence", l.key(), l.records(), l.grams(), l.people(), l.shareOfGrams())));
            report.byChannel()
                    .forEach(l -> rows.add(
                            Arrays.asList("channel", l.key(), l.records(), l.grams(), l.people(), l.shareOfGrams())));
            for (var state : List.of(
                    Map.entry("held", report.held()),
                    Map.entry("rejected", report.rejected()),
                    Map.entry("reversed", report.reversed()))) {
                rows.add(Arrays.asList(
                        state.getKey(),
                        "",
                        state.getValue().records(),
                        state.getValue().grams(),
                        state.getValue().people(),
                        null));
            }
            if (report.concentration() != null) {
                rows.add(Arrays.asList(
                        "concentration",
                        "top " + report.concentration().top(),
                        null,
                        null,
                        null,
                        report.concentration().shareOfTop()));
            }
            var o = report.outliers();
            rows.add(Arrays.asList(
                    "outliers", "people above " + 20 + "x the median", null, null, o.people(), o.shareOfGrams()));
            rows.add(Arrays.asList("outliers", "records cut to the ceiling", o.cappedRecords(), null, null, null));
            rows.add(
                    Arrays.asList("outliers", "records with an atypical input", o.atypicalRecords(), null, null, null));
            rows.add(Arrays.asList(
                    "outliers", "records over a day's ceiling", o.dailyCeilingRecords(), null, null, null));
        }
        return new ReportExports.Table(
                "trust", List.of("section", "key", "records", "grams", "people", "share_of_grams"), rows);
    }
}
