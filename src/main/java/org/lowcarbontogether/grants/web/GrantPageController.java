package org.lowcarbontogether.grants.web;

import org.lowcarbontogether.shared.Actor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.reporting.TrustReports;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

/**
 * The grant programme's pages: the public dashboard, executive summary and exports; the programme office; calls and
 * applications; review with conflict-of-interest declaration; funded projects with their links and reports.
 */
@Controller
class GrantPageController {

    private final Programmes programmes;
    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;
    private final Awards awards;
    private final GranteeReports reports;
    private final ProgrammeImpact impact;
    private final Organisations organisations;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Events events;
    private final ProblemWriter problems;
    private final MessageSource messages;
    private final SummaryPdf pdf;
    private final org.lowcarbontogether.methodology.Names names;
    private final ObjectMapper json;
    private final Map<String, double[]> provinces;

    GrantPageController(Programmes programmes, GrantCalls calls, Applications applications, Reviews reviews, Awards awards,
            GranteeReports reports, ProgrammeImpact impact, Organisations organisations, Communities communities,
            Campaigns campaigns, Events events, ProblemWriter problems, MessageSource messages, SummaryPdf pdf, ObjectMapper json,
            org.lowcarbontogether.methodology.Names names)
            throws IOException {
        this.programmes = programmes;
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.awards = awards;
        this.reports = reports;
        this.impact = impact;
        this.organisations = organisations;
        this.communities = communities;
        this.campaigns = campaigns;
        this.events = events;
        this.problems = problems;
        this.messages = messages;
        this.pdf = pdf;
        this.names = names;
        this.json = json;
        this.provinces = new HashMap<>();
        String csv = new ClassPathResource("geo/province-capitals.csv").getContentAsString(StandardCharsets.UTF_8);
        csv.lines().filter(l -> l.startsWith("CN-")).map(l -> l.split(","))
                .forEach(f -> provinces.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])}));
    }

    // ---- public: programmes, dashboard, summary, exports ------------------------------------------------------------

    @GetMapping("/programmes")
    String programmes(Model model) {
        model.addAttribute("programmes", programmes.all());
        model.addAttribute("calls", calls.all());
        return "grants/programmes";
    }

    /** A point on the province map: a province's reduction and behaviours. */
    record Marker(String code, String name, double lat, double lon, long grams, long behaviours) {}

    /** A slice of the category chart, named in the reader's language. */
    record Slice(String key, String name, long gramsRestated, long behaviours) {}

    /** The programme's public dashboard, for a period and optionally one evidence level or region. */
    @GetMapping("/programmes/{id}")
    String dashboard(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String evidence, @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable YearMonth month, Model model, Locale locale) {
        boolean officer = programmes.isOfficer(me, id);
        var view = GrantFilters.view(impact, officer, id, from, to, evidence, region, null, month, false);
        model.addAttribute("freePeriodIgnored", !officer && (from != null || to != null));
        model.addAttribute("gasShares", officer ? impact.gasShares(id) : List.of());
        model.addAttribute("view", view);
        model.addAttribute("isOfficer", officer);
        model.addAttribute("monthly", json.writeValueAsString(view.byMonth()));
        model.addAttribute("categories", json.writeValueAsString(view.byCategory().stream()
                .map(l -> new Slice(l.key(), messages.getMessage("category." + l.key(), null, l.key(), locale), l.gramsRestated(), l.behaviours()))
                .toList()));
        model.addAttribute("markers", json.writeValueAsString(view.byRegion().stream()
                .filter(l -> provinces.containsKey(l.key()))
                .map(l -> new Marker(l.key(), names.region(l.key(), locale), provinces.get(l.key())[0], provinces.get(l.key())[1],
                        l.gramsRestated(), l.behaviours()))
                .toList()));
        model.addAttribute("evidenceLevels", List.of("SELF_REPORT", "PHOTO", "ORGANISER_VERIFIED", "GPS", "PARTNER_VERIFIED"));
        model.addAttribute("sessions", events.ofOrganisation(view.programme().organisationId()).stream()
                .filter(e -> e.kind() == Events.Kind.TRAINING).toList());
        return "grants/dashboard";
    }

    /** The executive summary in the structure of the programme's own: overview, main outputs, key findings, recommendations. */
    @GetMapping("/programmes/{id}/summary")
    String summary(@PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @AuthenticationPrincipal @Nullable Actor me, Model model, Locale locale) {
        var view = GrantFilters.view(impact, programmes.isOfficer(me, id), id, from, to, null, null, null, null, false);
        model.addAttribute("view", view);
        model.addAttribute("calls", calls.ofProgramme(id));
        return "grants/summary";
    }

    @GetMapping("/programmes/{id}/summary.pdf")
    ResponseEntity<byte[]> summaryPdf(@PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @AuthenticationPrincipal @Nullable Actor me, Locale locale) {
        Locale language = locale;
        var view = GrantFilters.view(impact, programmes.isOfficer(me, id), id, from, to, null, null, null, null, false);
        var f = view.figures();
        var p = view.potential();
        var sections = new ArrayList<SummaryPdf.Section>();
        sections.add(new SummaryPdf.Section(text("summary.overview", language), List.of(view.programme().description(),
                text("summary.overviewFigures", language, view.calls(), view.projects().size(), yuan(view.awardedFen()))), List.of()));
        var outputs = new ArrayList<>(List.of(
                text("summary.outputBehaviours", language, f.behaviours()),
                text("summary.outputDirect", language, tonnes(f.gramsRecorded()), tonnes(f.gramsRestated())),
                text("summary.outputParticipants", language, f.participants()),
                text("summary.outputReach", language, f.reach().hits(), f.reach().views(), f.reach().shares())));
        if (p != null) {
            outputs.add(text("summary.outputPotential", language, tonnes(p.annualGrams()), p.sustainingParticipants(),
                    p.assumptions().minWeeks(), p.assumptions().windowWeeks(), p.assumptions().persistence().toPlainString()));
        }
        var charts = List.of(
                new SummaryPdf.Chart(text("summary.chartMonths", language), text("summary.axisMonth", language), text("summary.axisKg", language),
                        view.byMonth().stream().map(l -> l.key()).toList(),
                        view.byMonth().stream().map(l -> (Number) (l.gramsRecorded() / 1000.0)).toList()),
                new SummaryPdf.Chart(text("summary.chartCategories", language), text("summary.axisCategory", language),
                        text("summary.axisKg", language),
                        view.byCategory().stream().map(l -> messages.getMessage("category." + l.key(), null, l.key(), language)).toList(),
                        view.byCategory().stream().map(l -> (Number) (l.gramsRecorded() / 1000.0)).toList()));
        sections.add(new SummaryPdf.Section(text("summary.outputs", language), outputs, projectTable(view, language), charts));
        sections.add(new SummaryPdf.Section(text("summary.findings", language), paragraphs(view.programme().keyFindings()), List.of()));
        sections.add(new SummaryPdf.Section(text("summary.recommendations", language), paragraphs(view.programme().recommendations()),
                List.of()));
        sections.add(new SummaryPdf.Section(text("summary.definitions", language), List.of(text("summary.definitionsText", language),
                text("grants.gasBasisNote", language)), List.of()));
        byte[] bytes = pdf.write(view.programme().name(), text("summary.period", language, view.filter().from(), view.filter().to()),
                sections, language);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("executive-summary.pdf").build().toString())
                .body(bytes);
    }

    private List<List<String>> projectTable(ProgrammeImpact.View view, Locale locale) {
        var table = new ArrayList<List<String>>();
        table.add(List.of(text("summary.project", locale), text("summary.grant", locale), text("summary.behaviours", locale),
                text("summary.directKg", locale), text("summary.participants", locale)));
        for (var p : view.projects()) {
            table.add(List.of(p.project().title() + " — " + p.project().organisationName(), yuan(p.project().amountFen()),
                    p.withheld() ? "—" : String.valueOf(p.figures().behaviours()), p.withheld() ? "—" : kg(p.figures().gramsRecorded()),
                    p.withheld() ? "—" : String.valueOf(p.figures().participants())));
        }
        return table;
    }

    /** Every table behind a chart, as CSV or XLSX. */
    @GetMapping("/programmes/{id}/export/{table}.{format}")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id,
            @PathVariable String table, @PathVariable String format,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String evidence, @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable YearMonth month) {
        var view = GrantFilters.view(impact, programmes.isOfficer(me, id), id, from, to, evidence, region, null, month, false);
        var lines = switch (table) {
            case "months" -> view.byMonth();
            case "categories" -> view.byCategory();
            case "regions" -> view.byRegion();
            case "evidence" -> view.byEvidence();
            case "projects" -> null;
            default -> throw new Refusal(Refusal.Kind.NOT_FOUND, "programme-unknown", "table", table);
        };
        ReportExports.Table data;
        if (lines == null) {
            data = new ReportExports.Table("projects", List.of("project", "organisation", "grant_yuan", "behaviours", "grams_recorded",
                    "grams_restated", "participants", "story_views", "story_shares"),
                    view.projects().stream().map(p -> p.withheld()
                            ? java.util.Arrays.<Object>asList(p.project().title(), p.project().organisationName(),
                                    BigDecimal.valueOf(p.project().amountFen(), 2), null, null, null, null, null, null)
                            : List.<Object>of(p.project().title(), p.project().organisationName(),
                            BigDecimal.valueOf(p.project().amountFen(), 2), p.figures().behaviours(), p.figures().gramsRecorded(),
                            p.figures().gramsRestated(), p.figures().participants(), p.figures().reach().views(),
                            p.figures().reach().shares())).toList());
        } else {
            data = new ReportExports.Table(table, List.of(table.equals("months") ? "month" : "key", "behaviours", "grams_recorded",
                    "grams_restated", "participants"),
                    lines.stream().map(l -> List.<Object>of(l.key(), l.behaviours(), l.gramsRecorded(), l.gramsRestated(), l.participants()))
                            .toList());
        }
        return switch (format) {
            case "csv" -> ReportExports.csv(data);
            case "xlsx" -> ReportExports.xlsx(data);
            default -> throw new Refusal(Refusal.Kind.NOT_FOUND, "programme-unknown", "format", format);
        };
    }

    /** A programme's trust report: what the reduction rests on. */
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
            rows.add(java.util.Arrays.asList("total", "", report.records(), report.grams(), report.people(), null));
            report.byEvidence().forEach(l -> rows.add(java.util.Arrays.asList("evidence", l.key(), l.records(), l.grams(), l.people(),
                    l.shareOfGrams())));
            report.byChannel().forEach(l -> rows.add(java.util.Arrays.asList("channel", l.key(), l.records(), l.grams(), l.people(),
                    l.shareOfGrams())));
            for (var state : List.of(java.util.Map.entry("held", report.held()), java.util.Map.entry("rejected", report.rejected()),
                    java.util.Map.entry("reversed", report.reversed()))) {
                rows.add(java.util.Arrays.asList(state.getKey(), "", state.getValue().records(), state.getValue().grams(),
                        state.getValue().people(), null));
            }
            if (report.concentration() != null) {
                rows.add(java.util.Arrays.asList("concentration", "top " + report.concentration().top(), null, null, null,
                        report.concentration().shareOfTop()));
            }
            var o = report.outliers();
            rows.add(java.util.Arrays.asList("outliers", "people above " + 20 + "x the median", null, null, o.people(), o.shareOfGrams()));
            rows.add(java.util.Arrays.asList("outliers", "records cut to the ceiling", o.cappedRecords(), null, null, null));
            rows.add(java.util.Arrays.asList("outliers", "records with an atypical input", o.atypicalRecords(), null, null, null));
            rows.add(java.util.Arrays.asList("outliers", "records over a day's ceiling", o.dailyCeilingRecords(), null, null, null));
        }
        return new ReportExports.Table("trust", List.of("section", "key", "records", "grams", "people", "share_of_grams"), rows);
    }

    // ---- the programme office -------------------------------------------------------------------------------------

    @GetMapping("/programmes/{id}/office")
    String office(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var programme = programmes.officerOf(me, id);
        model.addAttribute("programme", programme);
        var rankings = new LinkedHashMap<GrantCalls.Call, List<Reviews.Ranked>>();
        calls.ofProgramme(id).forEach(c -> rankings.put(c, reviews.ranking(me, c.id())));
        model.addAttribute("rankings", rankings);
        model.addAttribute("projects", awards.ofProgramme(id));
        model.addAttribute("grantee", reports.ofProgramme(id));
        model.addAttribute("themes", GrantCalls.THEMES);
        model.addAttribute("today", GrantFilters.today());
        return "grants/office";
    }

    @PostMapping("/programmes/{id}/calls")
    String openCall(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> values,
            RedirectAttributes redirect, Locale locale) {
        try {
            var names = values.getOrDefault("criterionName", List.of());
            var weights = values.getOrDefault("criterionWeight", List.of());
            var criteria = new ArrayList<GrantCalls.CriterionForm>();
            for (int i = 0; i < names.size(); i++) {
                criteria.add(new GrantCalls.CriterionForm(names.get(i), null, i < weights.size() ? integer(weights.get(i), "criteria") : null));
            }
            var call = calls.create(me, id, new GrantCalls.CallForm(values.getFirst("title"), values.getFirst("description"),
                    values.getOrDefault("themes", List.of()), values.getFirst("eligibility"), fen(values.getFirst("budgetYuan"), "budgetFen"),
                    fen(values.getFirst("maxGrantYuan"), "maxGrantFen"), date(values.getFirst("opensOn"), "opensOn"),
                    date(values.getFirst("closesOn"), "closesOn"), criteria));
            return "redirect:/calls/" + call.id();
        } catch (Refusal e) {
            if (e.deniesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", String.join(" ", problems.fieldMessages(e, locale).values()));
            return "redirect:/programmes/" + id + "/office";
        }
    }

    @PostMapping("/programmes/{id}/potential")
    String potential(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            RedirectAttributes redirect, Locale locale) {
        try {
            programmes.assume(me, id, integer(values.get("minWeeks"), "minWeeks"), integer(values.get("windowWeeks"), "windowWeeks"),
                    decimal(values.get("persistence"), "persistence"));
        } catch (Refusal e) {
            if (e.deniesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", String.join(" ", problems.fieldMessages(e, locale).values()));
        }
        return "redirect:/programmes/" + id + "/office";
    }

    @PostMapping("/programmes/{id}/summary")
    String writeSummary(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values) {
        programmes.summarise(me, id, values.get("keyFindings"), values.get("recommendations"));
        return "redirect:/programmes/" + id + "/summary";
    }

    // ---- calls and applications -------------------------------------------------------------------------------------

    @GetMapping("/calls/{id}")
    String call(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var call = calls.get(id);
        model.addAttribute("call", call);
        model.addAttribute("programme", programmes.get(call.programmeId()));
        model.addAttribute("open", call.openOn(GrantFilters.today()));
        model.addAttribute("mayApply", me != null && !organisations.organisedBy(me.id()).isEmpty());
        return "grants/call";
    }

    @GetMapping("/calls/{id}/apply")
    String applyForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        return applyPage(me, model, calls.get(id), Map.of(), Map.of());
    }

    @PostMapping("/calls/{id}/apply")
    String apply(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            @RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> files, Model model, Locale locale)
            throws IOException {
        var call = calls.get(id);
        try {
            var uploads = new ArrayList<Applications.Upload>();
            if (files != null) {
                for (var file : files) {
                    if (!file.isEmpty()) {
                        uploads.add(new Applications.Upload(file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(),
                                file.getBytes()));
                    }
                }
            }
            var application = applications.submit(me, id, new Applications.ApplicationForm(uuid(values.get("organisationId")),
                    values.get("title"), values.get("proposal"), values.get("activities"), fen(values.get("requestedYuan"), "requestedFen"),
                    whole(values.get("plannedBehaviours"), "plannedBehaviours"), kgToGrams(values.get("plannedKg"), "plannedGrams"),
                    whole(values.get("plannedParticipants"), "plannedParticipants"), whole(values.get("plannedReach"), "plannedReach")),
                    uploads);
            return "redirect:/applications/" + application.id();
        } catch (Refusal e) {
            if (e.deniesAccess()) {
                throw e;
            }
            return applyPage(me, model, call, values, problems.fieldMessages(e, locale));
        }
    }

    private String applyPage(Actor me, Model model, GrantCalls.Call call, Map<String, String> values,
            Map<String, String> errors) {
        model.addAttribute("call", call);
        model.addAttribute("organisations", organisations.organisedBy(me.id()));
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "grants/apply";
    }

    @GetMapping("/applications")
    String applicationList(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("applications", applications.visibleTo(me));
        return "grants/applications";
    }

    @GetMapping("/applications/{id}")
    String application(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var application = applications.visible(me, id);
        var standing = applications.standing(me, application);
        boolean officer = standing.contains(Applications.Standing.OFFICER);
        model.addAttribute("grantApplication", application);
        model.addAttribute("call", calls.get(application.callId()));
        model.addAttribute("standing", standing.stream().map(Enum::name).toList());
        model.addAttribute("attachments", applications.attachments(me, id));
        model.addAttribute("assignment", reviews.assignment(id, me.id()).orElse(null));
        model.addAttribute("myReview", reviews.reviews(id).stream().filter(r -> r.reviewerId().equals(me.id())).findFirst().orElse(null));
        model.addAttribute("assignments", officer ? reviews.assignments(id) : List.of());
        model.addAttribute("reviews", officer ? reviews.reviews(id) : List.of());
        model.addAttribute("project", awards.ofApplication(id).orElse(null));
        model.addAttribute("today", GrantFilters.today());
        return "grants/application";
    }

    @GetMapping("/applications/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable UUID attachmentId) {
        var file = applications.attachment(me, id, attachmentId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.filename(), StandardCharsets.UTF_8)
                        .build().toString())
                .body(file.bytes());
    }

    @PostMapping("/applications/{id}/reviewers")
    String assign(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam(required = false) @Nullable String email,
            RedirectAttributes redirect, Locale locale) {
        return act("/applications/" + id, redirect, locale, () -> reviews.assign(me, id, email));
    }

    @PostMapping("/applications/{id}/declaration")
    String declare(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String conflict, @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect, Locale locale) {
        return act("/applications/" + id, redirect, locale, () -> reviews.declare(me, id, conflict == null ? null : conflict.equals("yes"), note));
    }

    @PostMapping("/applications/{id}/review")
    String review(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            RedirectAttributes redirect, Locale locale) {
        return act("/applications/" + id, redirect, locale, () -> {
            var scores = new ArrayList<Reviews.ScoreForm>();
            for (var criterion : calls.get(applications.visible(me, id).callId()).criteria()) {
                scores.add(new Reviews.ScoreForm(criterion.position(), integer(values.get("score" + criterion.position()),
                        "scores[" + criterion.position() + "]"), values.get("comment" + criterion.position())));
            }
            return reviews.score(me, id, scores);
        });
    }

    @PostMapping("/applications/{id}/decision")
    String decide(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> values,
            RedirectAttributes redirect, Locale locale) {
        return act("/applications/" + id, redirect, locale, () -> {
            boolean award = "award".equals(values.getFirst("decision"));
            var tranches = new ArrayList<Awards.TrancheForm>();
            var amounts = values.getOrDefault("trancheYuan", List.of());
            for (int i = 0; i < amounts.size(); i++) {
                if (amounts.get(i).isBlank()) {
                    continue;
                }
                tranches.add(new Awards.TrancheForm(fen(amounts.get(i), "tranches"), values.get("trancheCondition").get(i),
                        date(values.get("trancheDue").get(i), "tranches")));
            }
            var milestones = new ArrayList<Awards.MilestoneForm>();
            var titles = values.getOrDefault("milestoneTitle", List.of());
            for (int i = 0; i < titles.size(); i++) {
                if (!titles.get(i).isBlank()) {
                    milestones.add(new Awards.MilestoneForm(titles.get(i), date(values.get("milestoneDue").get(i), "milestones")));
                }
            }
            return awards.decide(me, id, new Awards.Decision(award, values.getFirst("note"), award ? fen(values.getFirst("amountYuan"), "amountFen") : null,
                    award ? date(values.getFirst("startsOn"), "startsOn") : null, award ? date(values.getFirst("endsOn"), "endsOn") : null,
                    tranches, milestones));
        });
    }

    /** Does an action from a form and goes back to the page; a problem the user can fix is shown there, 403/404 as errors. */
    private String act(String page, RedirectAttributes redirect, Locale locale, java.util.function.Supplier<?> action) {
        try {
            action.get();
        } catch (Refusal e) {
            if (e.deniesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", String.join(" ", problems.fieldMessages(e, locale).values()));
        }
        return "redirect:" + page;
    }

    // ---- funded projects ---------------------------------------------------------------------------------------------

    @GetMapping("/projects/{id}")
    String project(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var project = awards.project(id);
        boolean manage = awards.mayManage(me, project);
        model.addAttribute("project", project);
        model.addAttribute("programme", programmes.get(project.programmeId()));
        if (manage) {
            model.addAttribute("figures", impact.project(id, ReportedImpact.Filter.period(project.startsOn(), GrantFilters.today())));
            model.addAttribute("withheld", false);
        } else {
            var published = impact.publicProject(project);
            model.addAttribute("figures", published.figures());
            model.addAttribute("withheld", published.withheld());
        }
        model.addAttribute("manage", manage);
        model.addAttribute("reports", manage ? reports.reports(id) : List.of());
        model.addAttribute("officer", programmes.isOfficer(me, project.programmeId()));
        model.addAttribute("linkable", manage ? linkable(project) : List.of());
        model.addAttribute("today", GrantFilters.today());
        return "grants/project";
    }

    /** The grantee organisation's communities and campaigns not yet linked. */
    private List<Awards.Link> linkable(Awards.Project project) {
        var linked = project.links().stream().map(Awards.Link::scopeId).toList();
        var options = new ArrayList<Awards.Link>();
        communities.ofOrganisation(project.organisationId()).stream().filter(c -> !linked.contains(c.id()))
                .forEach(c -> options.add(new Awards.Link("COMMUNITY", c.id(), c.name())));
        campaigns.ofOrganisation(project.organisationId()).stream().filter(c -> !linked.contains(c.id()))
                .forEach(c -> options.add(new Awards.Link("CAMPAIGN", c.id(), c.name())));
        return options;
    }

    @PostMapping("/projects/{id}/links")
    String link(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam(required = false) @Nullable String scope,
            RedirectAttributes redirect, Locale locale) {
        return act("/projects/" + id, redirect, locale, () -> {
            String[] parts = scope == null ? new String[0] : scope.split(":", 2);
            return awards.link(me, id, parts.length == 2 ? parts[0] : null, parts.length == 2 ? uuid(parts[1]) : null);
        });
    }

    @PostMapping("/projects/{id}/reports")
    String report(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            RedirectAttributes redirect, Locale locale) {
        return act("/projects/" + id, redirect, locale, () -> reports.submit(me, id, values.get("kind"), date(values.get("periodFrom"), "periodFrom"),
                date(values.get("periodTo"), "periodTo"), values.get("narrative"), values.get("keyFindings"), values.get("recommendations")));
    }

    @PostMapping("/projects/{id}/tranches/{position}/payment")
    String pay(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable int position,
            @RequestParam Map<String, String> values, RedirectAttributes redirect, Locale locale) {
        return act("/projects/" + id, redirect, locale, () -> awards.pay(me, id, position, date(values.get("paidOn"), "paidOn"),
                values.get("reference")));
    }

    @PostMapping("/projects/{id}/milestones/{position}/completion")
    String complete(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @PathVariable int position,
            RedirectAttributes redirect, Locale locale) {
        return act("/projects/" + id, redirect, locale, () -> awards.complete(me, id, position, null));
    }

    // ---- parsing and formatting --------------------------------------------------------------------------------------

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static List<String> paragraphs(String text) {
        return text.isBlank() ? List.of("—") : text.lines().filter(l -> !l.isBlank()).toList();
    }

    static String yuan(long fen) {
        return "¥" + String.format(Locale.ROOT, "%,.2f", fen / 100.0);
    }

    static String tonnes(long grams) {
        return String.format(Locale.ROOT, "%,.3f", grams / 1_000_000.0);
    }

    static String kg(long grams) {
        return String.format(Locale.ROOT, "%,.1f", grams / 1000.0);
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        return FormFields.uuid(value, "id", new ArrayList<>());
    }

    /** One field read at once: a bad value is a 400 problem naming it. */
    private static <T> @Nullable T one(String field, java.util.function.BiFunction<String, List<Violation>, @Nullable T> reader) {
        var violations = new ArrayList<Violation>();
        T value = reader.apply(field, violations);
        FormFields.check(violations);
        return value;
    }

    private static @Nullable Long fen(@Nullable String yuan, String field) {
        BigDecimal value = decimal(yuan, field);
        if (value != null && value.scale() > 2) {
            throw Refusal.invalid(List.of(Violation.of(field, "number-invalid", yuan)));
        }
        return value == null ? null : value.movePointRight(2).longValueExact();
    }

    private static @Nullable Long kgToGrams(@Nullable String kg, String field) {
        BigDecimal value = decimal(kg, field);
        return value == null ? null : value.movePointRight(3).longValue();
    }

    private static @Nullable BigDecimal decimal(@Nullable String value, String field) {
        return one(field, (f, v) -> FormFields.decimal(value, f, v));
    }

    private static @Nullable Integer integer(@Nullable String value, String field) {
        return one(field, (f, v) -> FormFields.integer(value, f, v));
    }

    private static @Nullable Long whole(@Nullable String value, String field) {
        return one(field, (f, v) -> FormFields.whole(value, f, v));
    }

    private static @Nullable LocalDate date(@Nullable String value, String field) {
        return one(field, (f, v) -> FormFields.date(value, f, v));
    }
}
