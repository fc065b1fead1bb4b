package org.lowcarbontogether.account.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.OrganisationApplications;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.People;
import org.lowcarbontogether.account.RoleGrants;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
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
 * The administration console's home, and its people: search by email or name, a person's roles (where each applies),
 * memberships and state; grant and withdraw roles, suspend and reinstate. Administrators and programme officers come
 * in (officers manage the reviewer role); every action is checked again by the service.
 */
@Controller
class AdminPeoplePageController {

    private final People people;
    private final RoleGrants roles;
    private final Organisations organisations;
    private final OrganisationApplications applications;
    private final ProblemWriter problems;
    private final PageForms forms;

    AdminPeoplePageController(
            People people,
            RoleGrants roles,
            Organisations organisations,
            OrganisationApplications applications,
            ProblemWriter problems,
            PageForms forms) {
        this.people = people;
        this.roles = roles;
        this.organisations = organisations;
        this.applications = applications;
        this.problems = problems;
        this.forms = forms;
    }

    @GetMapping("/admin")
    String home(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("openApplications", applications.count(me, OrganisationApplications.State.OPEN));
        model.addAttribute("administrator", me.hasRole(Role.ADMIN));
        return "admin/home";
    }

    @GetMapping("/admin/people")
    String search(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("results", people.search(me, q, Math.min(page, 100_000)));
        model.addAttribute("q", q == null ? "" : q);
        return "admin/people";
    }

    @GetMapping("/admin/people/{id}")
    String person(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("person", people.get(me, id));
        model.addAttribute("grantable", roles.grantable(me));
        model.addAttribute("scopes", RoleGrants.ScopeKind.values());
        model.addAttribute("programmes", roles.programmes());
        model.addAttribute("organisations", me.hasRole(Role.ADMIN) ? organisations.all() : List.of());
        model.addAttribute("administrator", me.hasRole(Role.ADMIN));
        model.addAttribute("self", me.id().equals(id));
        return "admin/person";
    }

    @PostMapping("/admin/people/{id}/roles")
    String grant(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RoleForm form,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return act(id, binding, redirect, locale, "granted", () -> roles.grant(me, id, form.toChange()));
    }

    @PostMapping("/admin/people/{id}/roles/withdrawal")
    String withdraw(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RoleForm form,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return act(id, binding, redirect, locale, "withdrawn", () -> roles.withdraw(me, id, form.toChange()));
    }

    @PostMapping("/admin/people/{id}/suspension")
    String suspend(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect,
            Locale locale) {
        return act(id, null, redirect, locale, "suspended", () -> people.suspend(me, id, reason));
    }

    @PostMapping("/admin/people/{id}/reinstatement")
    String reinstate(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            Locale locale) {
        return act(id, null, redirect, locale, "reinstated", () -> people.reinstate(me, id));
    }

    /** Does an action and goes back to the person's page, saying what was done or why it was not. */
    private String act(
            UUID id,
            @Nullable BindingResult binding,
            RedirectAttributes redirect,
            Locale locale,
            String done,
            Runnable action) {
        if (binding != null && binding.hasErrors()) {
            redirect.addFlashAttribute("problem", forms.problem(binding, locale));
        } else {
            PageRefusals.refusalOf(action)
                    .ifPresentOrElse(
                            refusal -> redirect.addFlashAttribute("problem", problem(refusal, locale)),
                            () -> redirect.addFlashAttribute("done", done));
        }
        return "redirect:/admin/people/" + id;
    }

    private String problem(Refusal refusal, Locale locale) {
        return String.join(" ", problems.fieldMessages(refusal, locale).values());
    }
}
