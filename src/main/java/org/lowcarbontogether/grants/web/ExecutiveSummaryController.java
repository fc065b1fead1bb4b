package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.ProgrammeTraining;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.ReportedOutputs;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.springframework.context.MessageSource;
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
    private final MessageSource messages;
    private final SummaryPdf pdf;
    private final ProgrammeTraining training;
    private final TrainingLines trainingLines;
    private final ReportedOutputs reported;

    ExecutiveSummaryController(
            Programmes programmes,
            GrantCalls calls,
            ProgrammeImpact impact,
            MessageSource messages,
            SummaryPdf pdf,
            ProgrammeTraining training,
            TrainingLines trainingLines,
            ReportedOutputs reported) {
        this.reported = reported;
        this.training = training;
        this.trainingLines = trainingLines;
        this.programmes = programmes;
        this.calls = calls;
        this.impact = impact;
        this.messages = messages;
        this.pdf = pdf;
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
        var f = view.figures();
        var p = view.potential();
        var sections = new ArrayList<SummaryPdf.Section>();
        sections.add(new SummaryPdf.Section(
                text("summary.overview", language),
                List.of(
                        view.programme().description(),
                        text(
                                "summary.overviewFigures",
                                language,
                                view.calls(),
                                view.projects().size(),
                                Money.yuan(view.awardedFen()))),
                List.of()));
        var outputs = new ArrayList<>(List.of(
                text("summary.outputBehaviours", language, f.behaviours()),
                text("summary.outputDirect", language, tonnes(f.gramsRecorded()), tonnes(f.gramsRestated())),
                text("summary.outputParticipants", language, f.participants()),
                text(
                        "summary.outputReach",
                        language,
                        f.reach().hits(),
                        f.reach().views(),
                        f.reach().shares())));
        var accepted = reported.acceptedInProgramme(id);
        if (!accepted.empty()) {
            outputs.add(text("summary.outputReported", language, accepted.reach(), accepted.participants()));
        }
        if (p != null) {
            outputs.add(text(
                    "summary.outputPotential",
                    language,
                    tonnes(p.annualGrams()),
                    p.sustainingParticipants(),
                    p.assumptions().minWeeks(),
                    p.assumptions().windowWeeks(),
                    p.assumptions().persistence().toPlainString()));
        }
        var charts = List.of(
                new SummaryPdf.Chart(
                        text("summary.chartMonths", language),
                        text("summary.axisMonth", language),
                        text("summary.axisKg", language),
                        view.byMonth().stream().map(l -> l.key()).toList(),
                        view.byMonth().stream()
                                .map(l -> kilograms(l.gramsRecorded()))
                                .toList()),
                new SummaryPdf.Chart(
                        text("summary.chartCategories", language),
                        text("summary.axisCategory", language),
                        text("summary.axisKg", language),
                        view.byCategory().stream()
                                .map(l -> messages.getMessage("category." + l.key(), null, l.key(), language))
                                .toList(),
                        view.byCategory().stream()
                                .map(l -> kilograms(l.gramsRecorded()))
                                .toList()));
        sections.add(new SummaryPdf.Section(
                text("summary.outputs", language), outputs, projectTable(view, language), charts));
        var trained = trainingLines.of(
                training.of(id, view.filter().from(), view.filter().to()), language);
        sections.add(new SummaryPdf.Section(
                text("summary.training", language),
                trained.programme(),
                trained.rows().isEmpty() ? List.of() : trained.table()));
        sections.add(new SummaryPdf.Section(
                text("summary.findings", language), paragraphs(view.programme().keyFindings()), List.of()));
        sections.add(new SummaryPdf.Section(
                text("summary.recommendations", language),
                paragraphs(view.programme().recommendations()),
                List.of()));
        sections.add(new SummaryPdf.Section(
                text("summary.definitions", language),
                List.of(text("summary.definitionsText", language), text("grants.gasBasisNote", language)),
                List.of()));
        byte[] bytes = pdf.write(
                view.programme().name(),
                text(
                        "summary.period",
                        language,
                        view.filter().from(),
                        view.filter().to()),
                sections,
                language);
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

    private List<List<String>> projectTable(ProgrammeImpact.View view, Locale locale) {
        var table = new ArrayList<List<String>>();
        table.add(List.of(
                text("summary.project", locale),
                text("summary.grant", locale),
                text("summary.behaviours", locale),
                text("summary.directKg", locale),
                text("summary.participants", locale)));
        for (var p : view.projects()) {
            table.add(List.of(
                    p.project().title() + " — " + p.project().organisationName(),
                    Money.yuan(p.project().amountFen()),
                    p.withheld() ? "—" : String.valueOf(p.figures().behaviours()),
                    p.withheld()
                            ? "—"
                            : CarbonQuantity.ofGrams(p.figures().gramsRecorded())
                                    .kilogramsText(1),
                    p.withheld() ? "—" : String.valueOf(p.figures().participants())));
        }
        return table;
    }

    private String text(String key, Locale locale, Object... args) {
        // with the key as its default, a message is always found
        return Objects.requireNonNull(messages.getMessage(key, args, key, locale));
    }

    private static String tonnes(long grams) {
        return CarbonQuantity.ofGrams(grams).tonnesText(3);
    }

    /** A chart's value: kilograms, exact. */
    private static Number kilograms(long grams) {
        return CarbonQuantity.ofGrams(grams).kilograms();
    }

    private static List<String> paragraphs(String text) {
        return text.isBlank()
                ? List.of("—")
                : text.lines().filter(l -> !l.isBlank()).toList();
    }
}
