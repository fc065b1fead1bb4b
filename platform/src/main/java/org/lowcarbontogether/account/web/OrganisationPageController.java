package org.lowcarbontogether.account.web;

import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.OrganisationApplications;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An organisation's members page, where its organisers add people and make them organisers. */
@Controller
class OrganisationPageController {

    private final Organisations organisations;
    private final OrganisationApplications applications;
    private final ProblemWriter problems;

    OrganisationPageController(
            Organisations organisations, OrganisationApplications applications, ProblemWriter problems) {
        this.organisations = organisations;
        this.applications = applications;
        this.problems = problems;
    }

    @GetMapping("/organisations/{id}/members")
    String members(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("members", organisations.members(me, id));
        model.addAttribute("organisation", organisations.get(id));
        return "account/members";
    }

    @PostMapping("/organisations/{id}/members")
    String add(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String role,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(() -> organisations.addMember(me, id, email, role))
                .handle(
                        member -> redirect.addFlashAttribute(member.invited() ? "invited" : "added", email),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/organisations/" + id + "/members";
    }

    /** A person's organisations: invitations to accept or decline, memberships to leave, and their applications. */
    @GetMapping("/account/organisations")
    String mine(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("invitations", organisations.invitations(me.id()));
        model.addAttribute("applications", applications.mine(me.id()));
        model.addAttribute("organisations", organisations.of(me.id()));
        model.addAttribute(
                "organised",
                organisations.organisedBy(me.id()).stream()
                        .map(Organisations.Organisation::id)
                        .toList());
        return "account/organisations";
    }

    /** Accepting: an address not verified yet is said on the page; any other refusal is the error page. */
    @PostMapping("/account/invitations/{id}/accept")
    String accept(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(() -> organisations.accept(me, id), e -> !e.code().equals("email-unverified"))
                .handle(
                        joined -> redirect.addFlashAttribute("joined", joined.name()),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/account/organisations";
    }

    @PostMapping("/account/invitations/{id}/decline")
    String decline(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        organisations.decline(me, id);
        return "redirect:/account/organisations";
    }

    /** Leaving: a state that does not allow it now is said on the page; any other refusal is the error page. */
    @PostMapping("/account/organisations/{id}/leave")
    String leave(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> organisations.leave(me, id), e -> e.kind() != Refusal.Kind.CONFLICT)
                .ifPresent(refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/account/organisations";
    }

    @PostMapping("/organisations/{id}/members/{userId}/remove")
    String remove(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @PathVariable UUID userId,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> organisations.removeMember(me, id, userId), e -> e.kind() != Refusal.Kind.CONFLICT)
                .ifPresent(refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/organisations/" + id + "/members";
    }
}
