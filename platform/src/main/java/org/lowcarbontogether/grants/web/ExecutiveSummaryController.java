package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.ProgrammeTraining;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.ReportedOutputs;
import org.lowcarbontogether.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A programme's executive summary in the structure of the programme's own — overview, main outputs, key findings,
 * recommendations — as a page and as a PDF in the reader's language; its officers write the findings and recommendations.
 */
@Controller
class ExecutiveSummaryController {

    private final Programmes programmes;
    private final GrantCalls calls;
    private final ProgrammeImpact impact;
    private final SummaryDocument document;
    private final ProgrammeTraining training;
    private final TrainingLines trainingLines;
    private final ReportedOutputs reported;

    ExecutiveSummaryController(
            Programmes programmes,
            GrantCalls calls,
            ProgrammeImpact impact,
            SummaryDocument document,
            ProgrammeTraining training,
            TrainingLines trainingLines,
            ReportedOutputs reported) {
        this.reported = reported;
        this.training = training;
        this.trainingLines = trainingLines;
        this.programmes = programmes;
        this.calls = calls;
        this.impact = impact;
        this.document = document;
    }

    @GetMapping("/programmes/{id}/summary")
    String summary(
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @AuthenticationPrincipal @Nullable Actor me,
            Model model,
            Locale language) {
        var view = GrantFilters.view(impact, programmes.isOfficer(me, id), id, from, to, null, null, null, null, false);
        model.addAttribute("view", view);
        // Reported by grantees and accepted: beside the measured figures, never added to them.
        model.addAttribute("reportedAccepted", reported.acceptedInProgramme(id));
        model.addAttribute("seedScale", impact.atSeedScale());
        model.addAttribute("seedHits", ProgrammeImpact.SEED_HITS);
        model.addAttribute(
                "training",
                trainingLines.of(
                        training.of(id, view.filter().from(), view.filter().to()), language));
        model.addAttribute("calls", calls.ofProgramme(id));
        return "grants/summary";
    }

    @GetMapping("/programmes/{id}/summary.pdf")
    ResponseEntity<byte[]> summaryPdf(
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @AuthenticationPrincipal @Nullable Actor me,
            Locale language) {
        var view = GrantFilters.view(impact, programmes.isOfficer(me, id), id, from, to, null, null, null, null, false);
        byte[] bytes = document.pdf(view, language);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("executive-summary.pdf")
                                .build()
                                .toString())
                .body(bytes);
    }

    /** The officers' key findings and recommendations; anyone else is refused with the error page. */
    @PostMapping("/programmes/{id}/summary")
    String writeSummary(@AuthenticationPrincipal Actor me, @PathVariable UUID id, SummaryInput input) {
        programmes.summarise(me, id, input.getKeyFindings(), input.getRecommendations());
        return "redirect:/programmes/" + id + "/summary";
    }
}
