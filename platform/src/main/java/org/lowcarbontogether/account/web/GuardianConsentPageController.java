package org.lowcarbontogether.account.web;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.GuardianConsents;
import org.lowcarbontogether.account.PrivacyNotice;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The guardian's page, opened from the link mailed to them (public, no account needed): whose account it is, what the
 * platform records and why, the privacy notice, and two buttons. Opening the link decides nothing (mail scanners open
 * links); a button does. A link that cannot be used says why. Also the person's own "send it again".
 */
@Controller
class GuardianConsentPageController {

    /** What the page lists the platform records, and why: the privacy notice's own items. */
    static final List<String> COLLECTED = List.of("account", "records", "ledger", "points", "groups", "stories");

    static final List<String> PURPOSES = List.of("account", "figures", "groups", "security");

    private final GuardianConsents guardians;
    private final ProblemWriter problems;

    GuardianConsentPageController(GuardianConsents guardians, ProblemWriter problems) {
        this.guardians = guardians;
        this.problems = problems;
    }

    @GetMapping("/guardian/consent")
    String page(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        model.addAttribute("token", token == null ? "" : token);
        model.addAttribute("collected", COLLECTED);
        model.addAttribute("purposes", PURPOSES);
        model.addAttribute("noticeVersion", PrivacyNotice.VERSION);
        try {
            model.addAttribute("request", guardians.check(token));
        } catch (Refusal e) {
            model.addAttribute("problem", problems.describe(e, locale));
        }
        return "account/guardian-consent";
    }

    @PostMapping("/guardian/consent")
    String decide(
            @RequestParam(required = false) @Nullable String token,
            @RequestParam(required = false) @Nullable String decision,
            Model model,
            Locale locale) {
        model.addAttribute("token", token == null ? "" : token);
        try {
            var chosen = "consent".equals(decision)
                    ? GuardianConsents.Decision.CONSENTED
                    : "refuse".equals(decision) ? GuardianConsents.Decision.REFUSED : null;
            if (chosen == null) {
                return page(token, model, locale);
            }
            model.addAttribute("childName", guardians.decide(token, chosen));
            model.addAttribute("decided", chosen.name());
        } catch (Refusal e) {
            model.addAttribute("problem", problems.describe(e, locale));
        }
        return "account/guardian-consent";
    }

    /** The person sends their guardian the link again (limited like other mailed links). */
    @PostMapping("/account/guardian-consent/resend")
    String resend(@AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect, Locale locale) {
        try {
            guardians.resend(me);
            redirect.addFlashAttribute("guardianResent", true);
        } catch (Refusal e) {
            redirect.addFlashAttribute("guardianProblem", problems.describe(e, locale));
        }
        return "redirect:/account#guardian-pending";
    }
}
