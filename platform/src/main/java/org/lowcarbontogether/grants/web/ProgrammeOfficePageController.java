package org.lowcarbontogether.grants.web;

import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.grants.AwardPlans;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.GranteeReports;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.ProgrammeTraining;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.grants.ReportedOutputs;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The programme office, for the programme's officers: each call's ranked applications, the funded projects and
 * grantee reports; opening a call; the assumptions of the potential continuing annual reduction.
 */
@Controller
class ProgrammeOfficePageController {

    private final Programmes programmes;
    private final GrantCalls calls;
    private final Reviews reviews;
    private final Awards awards;
    private final GranteeReports reports;
    private final ProgrammeImpact impact;
    private final ProgrammeTraining training;
    private final TrainingLines trainingLines;
    private final FormActions actions;
    private final PageForms forms;
    private final AwardPlans plans;
    private final ReportedOutputs reported;

    ProgrammeOfficePageController(
            ReportedOutputs reported,
            AwardPlans plans,
            Programmes programmes,
            GrantCalls calls,
            Reviews reviews,
            Awards awards,
            GranteeReports reports,
            ProgrammeImpact impact,
            ProgrammeTraining training,
            TrainingLines trainingLines,
            FormActions actions,
            PageForms forms) {
        this.plans = plans;
        this.reported = reported;
        this.impact = impact;
        this.training = training;
        this.trainingLines = trainingLines;
        this.programmes = programmes;
        this.calls = calls;
        this.reviews = reviews;
        this.awards = awards;
        this.reports = reports;
        this.actions = actions;
        this.forms = forms;
    }

    @InitBinder("callInput")
    void criteriaRows(WebDataBinder binder) {
        PageForms.keepRowsWhole(binder);
    }

    @GetMapping("/programmes/{id}/office")
    String office(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model, Locale locale) {
        var programme = programmes.officerOf(me, id);
        model.addAttribute("programme", programme);
        var rankings = new LinkedHashMap<GrantCalls.Call, List<Reviews.Ranked>>();
        calls.ofProgramme(id).forEach(c -> rankings.put(c, reviews.ranking(me, c.id())));
        model.addAttribute("rankings", rankings);
        model.addAttribute("projects", awards.ofProgramme(id));
        var portfolio = plans.portfolio(me, id);
        model.addAttribute("portfolio", portfolio);
        var accepted = new java.util.HashMap<UUID, ReportedOutputs.Accepted>();
        portfolio.forEach(l ->
                accepted.put(l.project().id(), reported.accepted(l.project().id())));
        model.addAttribute("reportedAccepted", accepted);
        model.addAttribute("grantee", reports.ofProgramme(id));
        model.addAttribute("themes", GrantCalls.THEMES);
        model.addAttribute("today", GrantFilters.today());
        var period = impact.defaultPeriod(id, GrantFilters.today());
        model.addAttribute("trainingPeriod", period);
        model.addAttribute("training", trainingLines.of(training.of(id, period.from(), period.to()), locale));
        return "grants/office";
    }

    /** Opens a call and shows it; a problem goes back to the office. */
    @PostMapping("/programmes/{id}/calls")
    String openCall(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid CallInput input,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        String office = "/programmes/" + id + "/office";
        if (binding.hasErrors()) {
            redirect.addFlashAttribute("problem", forms.problem(binding, locale));
            return "redirect:" + office;
        }
        return PageRefusals.attempt(() -> calls.create(me, id, input.toCallForm()))
                .then(call -> "redirect:/calls/" + call.id(), refusal -> {
                    redirect.addFlashAttribute("problem", actions.problem(refusal, locale));
                    return "redirect:" + office;
                });
    }

    @PostMapping("/programmes/{id}/potential")
    String potential(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid PotentialInput input,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/programmes/" + id + "/office",
                binding,
                redirect,
                locale,
                () -> programmes.assume(me, id, input.getMinWeeks(), input.getWindowWeeks(), input.getPersistence()));
    }
}
