package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AccountSettings;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Passwords;
import org.lowcarbontogether.account.PersonalAccessTokens;
import org.lowcarbontogether.account.PersonalAccessTokens.Scope;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's sign-in security: their address (verified or not, a change waiting, the language of mail — see
 * {@link AccountEmailPageController}), change the password (ending their other sessions and, unless kept, their tokens), and
 * issue, see and revoke their API tokens.
 */
@Controller
class AccountSecurityPageController {

    private final Passwords passwords;
    private final PersonalAccessTokens tokens;
    private final AccountSettings settings;
    private final ProblemWriter problems;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    AccountSecurityPageController(
            Passwords passwords, PersonalAccessTokens tokens, AccountSettings settings, ProblemWriter problems) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.settings = settings;
        this.problems = problems;
    }

    @GetMapping("/account/security")
    String security(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("settings", settings.of(me.id()));
        model.addAttribute("languages", AccountSettings.LANGUAGES);
        model.addAttribute("tokens", tokens.list(me.id()));
        model.addAttribute("scopes", Scope.values());
        return "account/security";
    }

    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String currentPassword,
            @RequestParam(required = false) @Nullable String newPassword,
            @RequestParam(required = false) boolean keepTokens,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            var changed = passwords.change(
                    me, request.getRemoteAddr(), new Passwords.Change(currentPassword, newPassword, keepTokens), null);
            // This session carries on as the person with their new password; a new id, since its privileges changed.
            var context = SecurityContextHolder.createEmptyContext();
            var authentication = UsernamePasswordAuthenticationToken.authenticated(
                    changed.person(), null, changed.person().getAuthorities());
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
            request.changeSessionId();
            sessions.saveContext(context, request, response);
            redirect.addFlashAttribute("passwordChanged", changed.tokensRevoked());
        } catch (Refusal e) {
            redirect.addFlashAttribute(
                    "passwordProblems",
                    e.violations().isEmpty()
                            ? List.of(problems.describe(e, locale))
                            : e.violations().stream()
                                    .map(v -> problems.message(v, locale))
                                    .toList());
        }
        return "redirect:/account/security#password";
    }

    @PostMapping("/account/tokens")
    String issue(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable List<String> scopes,
            @RequestParam(required = false) @Nullable String password,
            HttpServletRequest request,
            RedirectAttributes redirect,
            Locale locale) {
        var chosen = EnumSet.noneOf(Scope.class);
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            for (Scope s : Scope.values()) {
                if (s.name().equalsIgnoreCase(scope)) {
                    chosen.add(s);
                }
            }
        }
        String label = name == null || name.isBlank() ? "api" : name.strip();
        try {
            // A token outlives this session: whoever asks must know the password, not merely hold the session.
            passwords.confirm(me, request.getRemoteAddr(), password, "password");
            var issued = tokens.issue(me.id(), label.length() > 60 ? label.substring(0, 60) : label, chosen);
            redirect.addFlashAttribute("issued", issued);
        } catch (Refusal e) {
            redirect.addFlashAttribute(
                    "tokenProblem",
                    e.violations().isEmpty()
                            ? problems.describe(e, locale)
                            : problems.message(e.violations().getFirst(), locale));
        }
        return "redirect:/account/security#tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            tokens.revoke(me.id(), id);
            redirect.addFlashAttribute("revoked", true);
        } catch (Refusal e) {
            if (e.kind() != Refusal.Kind.NOT_FOUND) {
                throw e;
            }
        }
        return "redirect:/account/security#tokens";
    }

    @PostMapping("/account/tokens/revoke-all")
    String revokeAll(@AuthenticationPrincipal AuthenticatedUser me, RedirectAttributes redirect) {
        redirect.addFlashAttribute("revokedAll", tokens.revokeAll(me.id()));
        return "redirect:/account/security#tokens";
    }
}
