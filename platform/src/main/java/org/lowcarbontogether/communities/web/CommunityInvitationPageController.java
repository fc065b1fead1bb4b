package org.lowcarbontogether.communities.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.CommunityInvitations;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Invitations to communities on pages: the organiser's form on the community page, the invitation shown to the invited
 * person there, and their list of invitations under their account.
 */
@Controller
class CommunityInvitationPageController {

    private final CommunityInvitations invitations;
    private final ProblemWriter problems;

    CommunityInvitationPageController(CommunityInvitations invitations, ProblemWriter problems) {
        this.invitations = invitations;
        this.problems = problems;
    }

    /** The organiser's form: addresses separated by commas, spaces or lines, and an optional note. */
    @PostMapping("/communities/{id}/invitations")
    String invite(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String emails,
            @RequestParam(required = false) @Nullable String message,
            RedirectAttributes redirect,
            Locale locale) {
        List<String> addresses = emails == null
                ? List.of()
                : Arrays.stream(emails.split("[,;\\s]+"))
                        .filter(s -> !s.isBlank())
                        .toList();
        try {
            var sent = invitations.invite(me, id, addresses, message, locale);
            redirect.addFlashAttribute("invitationsSent", sent);
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.FORBIDDEN || e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute(
                    "invitationProblems",
                    e.violations().isEmpty()
                            ? List.of(problems.describe(e, locale))
                            : e.violations().stream()
                                    .map(v -> problems.message(v, locale))
                                    .toList());
            redirect.addFlashAttribute("invitationEmails", emails);
            redirect.addFlashAttribute("invitationMessage", message);
        }
        return "redirect:/communities/" + id + "#invite";
    }

    @GetMapping("/account/community-invitations")
    String mine(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("invitations", invitations.mine(me));
        return "communities/invitations";
    }

    /** Accepts or declines; back to the community (joined) or to the list. */
    @PostMapping("/account/community-invitations/{invitationId}")
    String answer(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID invitationId,
            @RequestParam(required = false) @Nullable String decision,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            if ("accept".equals(decision)) {
                var community = invitations.accept(me, invitationId);
                return "redirect:/communities/" + community.id();
            }
            invitations.decline(me, invitationId);
            redirect.addFlashAttribute("invitationDeclined", true);
        } catch (Refusal e) {
            redirect.addFlashAttribute("invitationProblem", problems.describe(e, locale));
        }
        return "redirect:/account/community-invitations";
    }
}
