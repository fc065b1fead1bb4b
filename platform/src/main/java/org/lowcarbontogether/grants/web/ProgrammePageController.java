package org.lowcarbontogether.grants.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.methodology.Names;
import org.lowcarbontogether.partners.PartnerContributions;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/**
 * The programmes and their calls, and a programme's public impact dashboard — behaviours, reduction, participants,
 * reach, the potential, charts, the province map and every project — with every table behind it as CSV or XLSX.
 */
@Controller
class ProgrammePageController {

    private final Programmes programmes;
    private final GrantCalls calls;
    private final ProgrammeImpact impact;
    private final Events events;
    private final MessageSource messages;
    private final Names names;
    private final ProvinceCapitals capitals;
    private final ObjectMapper json;
    private final PartnerContributions partners;

    ProgrammePageController(
            Programmes programmes,
            GrantCalls calls,
            ProgrammeImpact impact,
            Events events,
            MessageSource messages,
            Names names,
            ProvinceCapitals capitals,
            ObjectMapper json,
            PartnerContributions partners) {
        this.partners = partners;
        this.programmes = programmes;
        this.calls = calls;
        this.impact = impact;
        this.events = events;
        this.messages = messages;
        this.names = names;
        this.capitals = capitals;
        this.json = json;
    }

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
    String dashboard(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String evidence,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable YearMonth month,
            Model model,
            Locale locale) {
        boolean officer = programmes.isOfficer(me, id);
        var view = GrantFilters.view(impact, officer, id, from, to, evidence, region, null, month, false);
        model.addAttribute("freePeriodIgnored", !officer && (from != null || to != null));
        model.addAttribute("gasShares", officer ? impact.gasShares(id) : List.of());
        model.addAttribute("view", view);
        model.addAttribute("isOfficer", officer);
        model.addAttribute("partners", partners(me, officer, view));
        model.addAttribute("monthly", json.writeValueAsString(view.byMonth()));
        model.addAttribute(
                "categories",
                json.writeValueAsString(view.byCategory().stream()
                        .map(l -> new Slice(
                                l.key(),
                                Objects.requireNonNull(
                                        messages.getMessage("category." + l.key(), null, l.key(), locale)),
                                l.gramsRestated(),
                                l.behaviours()))
                        .toList()));
        model.addAttribute(
                "markers",
                json.writeValueAsString(view.byRegion().stream()
                        .flatMap(l -> capitals.of(l.key()).stream()
                                .map(c -> new Marker(
                                        l.key(),
                                        names.region(l.key(), locale),
                                        c.lat(),
                                        c.lon(),
                                        l.gramsRestated(),
                                        l.behaviours())))
                        .toList()));
        model.addAttribute(
                "evidenceLevels", List.of("SELF_REPORT", "PHOTO", "ORGANISER_VERIFIED", "GPS", "PARTNER_VERIFIED"));
        model.addAttribute(
                "sessions",
                events.ofOrganisation(view.programme().organisationId()).stream()
                        .filter(e -> e.kind() == Events.Kind.TRAINING)
                        .toList());
        return "grants/dashboard";
    }

    /** Every table behind a chart, as CSV or XLSX. */
    @GetMapping("/programmes/{id}/export/{table}.{format}")
    ResponseEntity<byte[]> export(
            @AuthenticationPrincipal @Nullable Actor me,
            @PathVariable UUID id,
            @PathVariable String table,
            @PathVariable String format,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(required = false) @Nullable String evidence,
            @RequestParam(required = false) @Nullable String region,
            @RequestParam(required = false) @Nullable YearMonth month) {
        var view = GrantFilters.view(
                impact, programmes.isOfficer(me, id), id, from, to, evidence, region, null, month, false);
        var lines = switch (table) {
            case "months" -> view.byMonth();
            case "categories" -> view.byCategory();
            case "regions" -> view.byRegion();
            case "evidence" -> view.byEvidence();
            case "projects", "partners" -> null;
            default -> throw new Refusal(Refusal.Kind.NOT_FOUND, "programme-unknown", "table", table);
        };
        ReportExports.Table data;
        if (table.equals("partners")) {
            data = partnersTable(partners(me, programmes.isOfficer(me, id), view));
        } else if (lines == null) {
            data = new ReportExports.Table(
                    "projects",
                    List.of(
                            "project",
                            "organisation",
                            "grant_yuan",
                            "behaviours",
                            "grams_recorded",
                            "grams_restated",
                            "participants",
                            "story_views",
                            "story_shares"),
                    view.projects().stream()
                            .map(p -> p.withheld()
                                    ? Arrays.<Object>asList(
                                            p.project().title(),
                                            p.project().organisationName(),
                                            BigDecimal.valueOf(p.project().amountFen(), 2),
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            null)
                                    : List.<Object>of(
                                            p.project().title(),
                                            p.project().organisationName(),
                                            BigDecimal.valueOf(p.project().amountFen(), 2),
                                            p.figures().behaviours(),
                                            p.figures().gramsRecorded(),
                                            p.figures().gramsRestated(),
                                            p.figures().participants(),
                                            p.figures().reach().views(),
                                            p.figures().reach().shares()))
                            .toList());
        } else {
            data = new ReportExports.Table(
                    table,
                    List.of(
                            table.equals("months") ? "month" : "key",
                            "behaviours",
                            "grams_recorded",
                            "grams_restated",
                            "participants"),
                    lines.stream()
                            .map(l -> List.<Object>of(
                                    l.key(), l.behaviours(), l.gramsRecorded(), l.gramsRestated(), l.participants()))
                            .toList());
        }
        return switch (format) {
            case "csv" -> ReportExports.csv(data);
            case "xlsx" -> ReportExports.xlsx(data);
            default -> throw new Refusal(Refusal.Kind.NOT_FOUND, "programme-unknown", "format", format);
        };
    }

    /** Partners' contributions over the view's period: live for the office, else the published months. */
    private PartnerContributions.Contributions partners(
            @Nullable Actor me, boolean officer, ProgrammeImpact.View view) {
        if (officer && me != null && PartnerContributions.seesLive(me)) {
            return partners.live(me, view.filter().from(), view.filter().to());
        }
        var publication = view.publication();
        return partners.published(publication == null ? null : publication.month());
    }

    private static ReportExports.Table partnersTable(PartnerContributions.Contributions contributions) {
        return new ReportExports.Table(
                "partners",
                List.of(
                        "partner",
                        "scenario",
                        "sent",
                        "credited",
                        "held",
                        "refused",
                        "reversed",
                        "refusal_rate",
                        "grams_credited",
                        "participants"),
                contributions.lines().stream()
                        .map(l -> Arrays.<Object>asList(
                                l.partnerEn(),
                                l.total() ? "*" : l.scenario(),
                                l.sent(),
                                l.credited(),
                                l.held(),
                                l.refused(),
                                l.reversed(),
                                l.refusalRate(),
                                l.gramsCredited(),
                                l.participants()))
                        .toList());
    }
}
