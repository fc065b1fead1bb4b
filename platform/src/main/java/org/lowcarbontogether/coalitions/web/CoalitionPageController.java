package org.lowcarbontogether.coalitions.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.coalitions.Coalitions;
import org.lowcarbontogether.coalitions.JointReports;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Coalition pages: the list, the dashboard with members and joint campaigns, and the joint report (HTML and PDF). */
@Controller
class CoalitionPageController {

    private final Coalitions coalitions;
    private final JointReports reports;
    private final Organisations organisations;
    private final ReportPdf pdf;
    private final ProblemWriter problems;

    CoalitionPageController(
            Coalitions coalitions,
            JointReports reports,
            Organisations organisations,
            ReportPdf pdf,
            ProblemWriter problems) {
        this.coalitions = coalitions;
        this.reports = reports;
        this.organisations = organisations;
        this.pdf = pdf;
        this.problems = problems;
    }

    /** Every coalition, and for an organiser the invitations and memberships of their organisations. */
    @GetMapping("/coalitions")
    String list(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        model.addAttribute("coalitions", reports.published());
        var mine = new LinkedHashMap<UUID, Coalitions.Membership>();
        if (me != null) {
            organisations
                    .organisedBy(me.id())
                    .forEach(o -> coalitions.ofOrganisation(o.id()).forEach(m -> mine.put(m.id(), m)));
            model.addAttribute(
                    "organised",
                    organisations.organisedBy(me.id()).stream()
                            .filter(o -> o.kind() == Organisations.Kind.COALITION)
                            .toList());
        } else {
            model.addAttribute("organised", List.of());
        }
        model.addAttribute("memberships", List.copyOf(mine.values()));
        return "coalitions/list";
    }

    @GetMapping("/coalitions/{id}")
    String dashboard(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        var reading = reports.dashboard(me, id);
        model.addAttribute("reading", reading);
        model.addAttribute("pool", reading.pool());
        model.addAttribute("memberships", coalitions.memberships(id));
        model.addAttribute("represented", coalitions.representedBy(me, id));
        model.addAttribute("jointCampaigns", coalitions.jointCampaigns(id));
        if (reading.manage()) {
            var taken = coalitions.memberships(id).stream()
                    .filter(Coalitions.Membership::open)
                    .map(Coalitions.Membership::organisationId)
                    .toList();
            model.addAttribute(
                    "candidates",
                    organisations.all().stream()
                            .filter(o -> o.kind() != Organisations.Kind.COALITION && !taken.contains(o.id()))
                            .toList());
        }
        return "coalitions/dashboard";
    }

    @PostMapping("/coalitions/{id}/members")
    String invite(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID organisationId,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> coalitions.invite(me, id, organisationId))
                .ifPresent(e -> redirect.addFlashAttribute("problem", problems.describe(e, locale)));
        return "redirect:/coalitions/" + id + "#members";
    }

    @PostMapping("/coalitions/memberships/{membershipId}/{answer:accept|decline|end}")
    String answer(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID membershipId,
            @PathVariable String answer,
            RedirectAttributes redirect,
            Locale locale) {
        var membership = coalitions.find(membershipId);
        PageRefusals.refusalOf(() -> {
                    switch (answer) {
                        case "accept" -> coalitions.accept(me, membershipId);
                        case "decline" -> coalitions.decline(me, membershipId);
                        default -> coalitions.end(me, membershipId);
                    }
                })
                .ifPresent(e -> redirect.addFlashAttribute("problem", problems.describe(e, locale)));
        return coalitions.mayManage(me, membership.coalitionId()) || "accept".equals(answer)
                ? "redirect:/coalitions/" + membership.coalitionId()
                : "redirect:/coalitions";
    }

    @PostMapping("/coalitions/{id}/joint-campaigns")
    String jointCampaign(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID campaignId,
            @RequestParam(required = false) @Nullable UUID organisationId,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> coalitions.joinCampaign(me, id, campaignId, organisationId))
                .ifPresent(e -> redirect.addFlashAttribute("problem", problems.describe(e, locale)));
        return "redirect:/coalitions/" + id + "#joint-campaigns";
    }

    @PostMapping("/coalitions/{id}/report")
    String writeReport(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String summaryEn,
            @RequestParam(required = false) @Nullable String summaryZh,
            @RequestParam(defaultValue = "false") boolean publish,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> reports.write(me, id, summaryEn, summaryZh, publish))
                .ifPresent(e -> redirect.addFlashAttribute("problem", problems.describe(e, locale)));
        return "redirect:/coalitions/" + id + "#report";
    }

    /** The joint report: public once published, with published figures only. */
    @GetMapping("/coalitions/{id}/report")
    String report(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var reading = reports.read(me, id);
        model.addAttribute("reading", reading);
        model.addAttribute("pool", reading.pool());
        model.addAttribute("jointCampaigns", coalitions.jointCampaigns(id));
        return "coalitions/report";
    }

    @GetMapping("/coalitions/{id}/report.pdf")
    ResponseEntity<byte[]> reportPdf(
            @AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Locale locale) {
        var reading = reports.read(me, id);
        byte[] bytes = pdf.write(reading, coalitions.jointCampaigns(id), locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("coalition-report.pdf")
                                .build()
                                .toString())
                .body(bytes);
    }
}
