package org.lowcarbontogether.grants.web;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.grants.AwardPlans;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantAgreements;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.ReportedOutputs;
import org.lowcarbontogether.grants.ReportingCycle;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.reporting.ReportedImpact;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A funded project: its figures (live for its grantee and officers, published months for everyone else), the grantee's
 * communities and campaigns linked to it, its tranches and milestones, and the grantee's reports.
 */
@Controller
class ProjectPageController {

    private final Programmes programmes;
    private final Awards awards;
    private final GranteeReports reports;
    private final ProgrammeImpact impact;
    private final Communities communities;
    private final Campaigns campaigns;
    private final FormActions actions;
    private final AwardPlans plans;
    private final ReportingCycle cycle;
    private final GrantAgreements agreements;
    private final ReportedOutputs reported;

    ProjectPageController(
            ReportedOutputs reported,
            AwardPlans plans,
            ReportingCycle cycle,
            GrantAgreements agreements,
            Programmes programmes,
            Awards awards,
            GranteeReports reports,
            ProgrammeImpact impact,
            Communities communities,
            Campaigns campaigns,
            FormActions actions) {
        this.plans = plans;
        this.cycle = cycle;
        this.agreements = agreements;
        this.reported = reported;
        this.programmes = programmes;
        this.awards = awards;
        this.reports = reports;
        this.impact = impact;
        this.communities = communities;
        this.campaigns = campaigns;
        this.actions = actions;
    }

    @GetMapping("/projects/{id}")
    String project(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model) {
        var project = awards.project(id);
        boolean manage = awards.mayManage(me, project);
        model.addAttribute("project", project);
        model.addAttribute("programme", programmes.get(project.programmeId()));
        if (manage) {
            model.addAttribute(
                    "figures",
                    impact.project(id, ReportedImpact.Filter.period(project.startsOn(), GrantFilters.today())));
            model.addAttribute("withheld", false);
        } else {
            var published = impact.publicProject(project);
            model.addAttribute("figures", published.figures());
            model.addAttribute("withheld", published.withheld());
        }
        model.addAttribute("manage", manage);
        model.addAttribute("reports", manage ? reports.reports(id) : List.of());
        model.addAttribute("plan", manage ? plans.plan(project) : null);
        model.addAttribute("outputs", AwardPlans.Output.values());
        model.addAttribute("schedule", manage ? cycle.schedule(id) : List.of());
        model.addAttribute("agreement", manage ? agreements.find(id).orElse(null) : null);
        boolean reviewer = reported.mayReview(me, project);
        model.addAttribute("outputReviewer", reviewer);
        model.addAttribute("reportedItems", manage || reviewer ? reported.items(id) : List.of());
        model.addAttribute("reportedAccepted", reported.accepted(id));
        model.addAttribute("reportedKinds", ReportedOutputs.Kind.values());
        model.addAttribute("officer", programmes.isOfficer(me, project.programmeId()));
        model.addAttribute("linkable", manage ? linkable(project) : List.of());
        model.addAttribute("today", GrantFilters.today());
        return "grants/project";
    }

    /** The grantee organisation's communities and campaigns not yet linked. */
    private List<Awards.Link> linkable(Awards.Project project) {
        var linked = project.links().stream().map(Awards.Link::scopeId).toList();
        var options = new ArrayList<Awards.Link>();
        communities.ofOrganisation(project.organisationId()).stream()
                .filter(c -> !linked.contains(c.id()))
                .forEach(c -> options.add(new Awards.Link("COMMUNITY", c.id(), c.name())));
        campaigns.ofOrganisation(project.organisationId()).stream()
                .filter(c -> !linked.contains(c.id()))
                .forEach(c -> options.add(new Awards.Link("CAMPAIGN", c.id(), c.name())));
        return options;
    }

    /** Links one of the grantee's communities or campaigns, chosen as {@code KIND:id}. */
    @PostMapping("/projects/{id}/links")
    String link(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String scope,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act("/projects/" + id, redirect, locale, () -> {
            String[] parts = scope == null ? new String[0] : scope.split(":", 2);
            awards.link(
                    me,
                    id,
                    parts.length == 2 ? parts[0] : null,
                    parts.length == 2 ? FormFields.uuid(parts[1], "id", new ArrayList<>()) : null);
        });
    }

    /** A grantee's milestone or final report, its figures computed by the platform for the period. */
    @PostMapping("/projects/{id}/reports")
    String report(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid ReportInput input,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/projects/" + id,
                binding,
                redirect,
                locale,
                () -> reports.submit(
                        me,
                        id,
                        input.getKind(),
                        input.getPeriodFrom(),
                        input.getPeriodTo(),
                        input.getNarrative(),
                        input.getKeyFindings(),
                        input.getRecommendations(),
                        input.getSchedule()));
    }
}
