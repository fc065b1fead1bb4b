package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.PasswordResets;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot your password?": ask for a link (the answer is the same for any address), then set a new password with it.
 * A link that cannot be used (unknown, used, expired) is said on the page, not as an error page.
 */
@Controller
class PasswordResetPageController {

    private final PasswordResets resets;
    private final ProblemWriter problems;

    PasswordResetPageController(PasswordResets resets, ProblemWriter problems) {
        this.resets = resets;
        this.problems = problems;
    }

    /** The request form's field. */
    static class RequestForm {
        private String email = "";

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }
    }

    /** The new password form's fields: the link's secret, the password, and whether to revoke the API tokens. */
    static class NewPasswordForm {
        private String token = "";
        private String newPassword = "";
        private boolean revokeTokens;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getNewPassword() {
            return newPassword;
        }

        public void setNewPassword(String newPassword) {
            this.newPassword = newPassword;
        }

        public boolean isRevokeTokens() {
            return revokeTokens;
        }

        public void setRevokeTokens(boolean revokeTokens) {
            this.revokeTokens = revokeTokens;
        }
    }

    @GetMapping("/password-reset")
    String requestForm(Model model) {
        model.addAttribute("form", new RequestForm());
        return "account/password-reset";
    }

    @PostMapping("/password-reset")
    String request(
            @ModelAttribute("form") RequestForm form,
            BindingResult errors,
            HttpServletRequest request,
            Model model,
            Locale locale) {
        try {
            resets.request(form.getEmail(), request.getRemoteAddr());
            model.addAttribute("sent", form.getEmail().strip());
        } catch (Refusal e) {
            problems.bind(e, errors, locale, field -> field);
        }
        return "account/password-reset";
    }

    @GetMapping("/password-reset/new")
    String newPasswordForm(@RequestParam(required = false) @Nullable String token, Model model, Locale locale) {
        var form = new NewPasswordForm();
        form.setToken(token == null ? "" : token);
        model.addAttribute("form", form);
        try {
            resets.check(token);
        } catch (Refusal e) {
            model.addAttribute("linkProblem", problems.describe(e, locale));
        }
        return "account/password-reset-new";
    }

    @PostMapping("/password-reset/new")
    String reset(@ModelAttribute("form") NewPasswordForm form, BindingResult errors, Model model, Locale locale) {
        try {
            model.addAttribute("reset", resets.reset(form.getToken(), form.getNewPassword(), form.isRevokeTokens()));
        } catch (Refusal e) {
            if (e.violations().isEmpty()) {
                model.addAttribute("linkProblem", problems.describe(e, locale));
            } else {
                problems.bind(e, errors, locale, field -> field);
            }
        }
        form.setNewPassword("");
        return "account/password-reset-new";
    }
}
