package org.lowcarbontogether.account.web;

import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.EmailChanges;
import org.lowcarbontogether.account.EmailVerification;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The links sent by email about the address: verify it, confirm a change to a new one, cancel (or undo) a change from
 * the old one. Opening a link shows what it will do and a button; only the button uses it, so a mail scanner that
 * opens links uses nothing. Works signed in or not; a link that cannot be used says why on the page.
 */
@Controller
class EmailLinkPageController {

    private final EmailVerification verification;
    private final EmailChanges changes;
    private final ProblemWriter problems;

    EmailLinkPageController(EmailVerification verification, EmailChanges changes, ProblemWriter problems) {
        this.verification = verification;
        this.changes = changes;
        this.problems = problems;
    }

    @GetMapping("/email/verify")
    String verifyPage(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        return page("verify", token, () -> verification.check(token), model, locale);
    }

    @PostMapping("/email/verify")
    String verify(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        return done("verify", token, () -> verification.verify(token), model, locale);
    }

    @GetMapping("/email/change/confirm")
    String confirmPage(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        return page("confirm", token, () -> changes.check(token), model, locale);
    }

    @PostMapping("/email/change/confirm")
    String confirm(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        return done("confirm", token, () -> changes.confirm(token).to(), model, locale);
    }

    @GetMapping("/email/change/cancel")
    String cancelPage(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        return page("cancel", token, () -> changes.checkCancel(token), model, locale);
    }

    @PostMapping("/email/change/cancel")
    String cancel(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        return done(
                "cancel",
                token,
                () -> {
                    var cancelled = changes.cancel(token);
                    model.addAttribute("outcome", cancelled.outcome().name());
                    return cancelled.email();
                },
                model,
                locale);
    }

    /** The link opened: what it will do, with the button that does it; or why it cannot be used. */
    private String page(String kind, @Nullable String token, Supplier<String> check, Model model, Locale locale) {
        model.addAttribute("kind", kind);
        model.addAttribute("action", kind.equals("verify") ? "/email/verify" : "/email/change/" + kind);
        model.addAttribute("token", token == null ? "" : token);
        try {
            model.addAttribute("email", check.get());
        } catch (Refusal e) {
            model.addAttribute("problem", problems.describe(e, locale));
        }
        return "account/email-link";
    }

    /** The button pressed: what was done, or why not. */
    private String done(String kind, @Nullable String token, Supplier<String> action, Model model, Locale locale) {
        model.addAttribute("kind", kind);
        model.addAttribute("token", token == null ? "" : token);
        try {
            model.addAttribute("email", action.get());
            model.addAttribute("done", true);
        } catch (Refusal e) {
            model.addAttribute("problem", problems.describe(e, locale));
        }
        return "account/email-link";
    }
}
