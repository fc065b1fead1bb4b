package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AccountSettings;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.EmailChanges;
import org.lowcarbontogether.account.EmailVerification;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's address and language on the account security page: send the verification link again, move to another
 * address (confirmed by a link to it), choose the language of the platform's mail.
 */
@Controller
class AccountEmailPageController {

    private final EmailVerification verification;
    private final EmailChanges changes;
    private final AccountSettings settings;
    private final ProblemWriter problems;

    AccountEmailPageController(
            EmailVerification verification, EmailChanges changes, AccountSettings settings, ProblemWriter problems) {
        this.verification = verification;
        this.changes = changes;
        this.settings = settings;
        this.problems = problems;
    }

    @PostMapping("/account/email/verification")
    String resend(@AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect, Locale locale) {
        try {
            verification.resend(me);
            redirect.addFlashAttribute("verificationSent", true);
        } catch (Refusal e) {
            redirect.addFlashAttribute("emailProblems", List.of(problems.describe(e, locale)));
        }
        return "redirect:/account/security#email";
    }

    @PostMapping("/account/email")
    String change(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String newEmail,
            @RequestParam(required = false) @Nullable String currentPassword,
            HttpServletRequest request,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            changes.request(me, request.getRemoteAddr(), currentPassword, newEmail);
            redirect.addFlashAttribute("changeRequested", newEmail == null ? "" : newEmail.strip());
        } catch (Refusal e) {
            redirect.addFlashAttribute(
                    "emailProblems",
                    e.violations().isEmpty()
                            ? List.of(problems.describe(e, locale))
                            : e.violations().stream()
                                    .map(v -> problems.message(v, locale))
                                    .toList());
            redirect.addFlashAttribute("newEmail", newEmail == null ? "" : newEmail);
        }
        return "redirect:/account/security#email";
    }

    @PostMapping("/account/language")
    String language(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String language,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            settings.setLanguage(me, language);
            redirect.addFlashAttribute("languageSaved", true);
        } catch (Refusal e) {
            redirect.addFlashAttribute("languageProblem", problems.describe(e, locale));
        }
        return "redirect:/account/security#language";
    }
}
