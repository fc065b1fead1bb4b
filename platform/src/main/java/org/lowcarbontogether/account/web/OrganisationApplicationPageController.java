package org.lowcarbontogether.account.web;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.OrganisationApplications;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
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
 * Applying for an organisation (any signed-in person), and the queue where administrators and programme officers
 * admit or decline applications.
 */
@Controller
class OrganisationApplicationPageController {

    private final OrganisationApplications applications;
    private final ProblemWriter problems;
    private final PageForms forms;

    OrganisationApplicationPageController(
            OrganisationApplications applications, ProblemWriter problems, PageForms forms) {
        this.applications = applications;
        this.problems = problems;
        this.forms = forms;
    }

    @GetMapping("/organisations/apply")
    String applyForm(Model model) {
        return applyPage(model, forms.values(new OrganisationApplicationForm()), Map.of());
    }

    /** Applies and goes to the person's organisations, where the application's state shows; problems by their field. */
    @PostMapping("/organisations/apply")
    String apply(
            @AuthenticationPrincipal AuthenticatedUser me,
            @Valid OrganisationApplicationForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes redirect,
            Locale locale) {
        if (binding.hasErrors()) {
            return applyPage(model, forms.values(binding), forms.errors(binding, locale));
        }
        return PageRefusals.attempt(() -> applications.apply(me, form.toForm()))
                .then(
                        application -> {
                            redirect.addFlashAttribute("applied", application.name());
                            return "redirect:/account/organisations";
                        },
                        refusal -> applyPage(model, forms.values(binding), problems.fieldMessages(refusal, locale)));
    }

    private static String applyPage(Model model, Map<String, ?> values, Map<String, String> errors) {
        model.addAttribute("kinds", Organisations.Kind.values());
        model.addAttribute("regions", Regions.recordable());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "account/apply-organisation";
    }

    @GetMapping("/admin/organisations")
    String queue(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String state,
            Model model) {
        var shown = OrganisationApplications.State.OPEN;
        for (var s : OrganisationApplications.State.values()) {
            if (s.name().equalsIgnoreCase(state == null ? "" : state)) {
                shown = s;
            }
        }
        model.addAttribute("applications", applications.queue(me, shown));
        model.addAttribute("state", shown);
        model.addAttribute("states", OrganisationApplications.State.values());
        return "admin/organisations";
    }

    @PostMapping("/admin/organisations/{id}/admission")
    String admit(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(() -> applications.admit(me, id))
                .handle(
                        admitted -> redirect.addFlashAttribute("admitted", admitted.name()),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/admin/organisations";
    }

    @PostMapping("/admin/organisations/{id}/decline")
    String decline(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(() -> applications.decline(me, id, reason))
                .handle(
                        declined -> redirect.addFlashAttribute("declined", declined.name()),
                        refusal -> redirect.addFlashAttribute(
                                "problem",
                                String.join(
                                        " ",
                                        problems.fieldMessages(refusal, locale).values())));
        return "redirect:/admin/organisations";
    }
}
