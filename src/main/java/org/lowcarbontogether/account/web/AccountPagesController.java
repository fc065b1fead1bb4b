package org.lowcarbontogether.account.web;

import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Registration and sign-in pages. */
@Controller
class AccountPagesController {

    private final Registration registration;
    private final org.springframework.security.web.context.HttpSessionSecurityContextRepository sessions =
            new org.springframework.security.web.context.HttpSessionSecurityContextRepository();
    private final org.lowcarbontogether.platform.ProblemWriter problems;

    AccountPagesController(Registration registration, org.lowcarbontogether.platform.ProblemWriter problems) {
        this.registration = registration;
        this.problems = problems;
    }

    /** The registration form's fields. */
    static class RegistrationForm {
        private String email = "";
        private String displayName = "";
        private String password = "";

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        public String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    @GetMapping("/register")
    String registerForm(Model model) {
        model.addAttribute("form", new RegistrationForm());
        return "account/register";
    }

    /**
     * Registers and signs the new person in at once, then takes them to record their first behaviour: a new session id,
     * and the session holds them as a sign-in would.
     */
    @PostMapping("/register")
    String register(@ModelAttribute("form") RegistrationForm form, BindingResult errors, RedirectAttributes redirect,
            java.util.Locale locale, jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        try {
            var registered = registration.register(
                    new Registration.SignUp(form.getEmail(), form.getDisplayName(), form.getPassword()));
            var person = registration.principal(registered.id()).orElseThrow();
            var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
            context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                    person, null, person.getAuthorities()));
            org.springframework.security.core.context.SecurityContextHolder.setContext(context);
            request.getSession(true);
            request.changeSessionId();
            sessions.saveContext(context, request, response);
            redirect.addAttribute("welcome", "");
            return "redirect:/record";
        } catch (Refusal e) {
            problems.bind(e, errors, locale, field -> field);
            form.setPassword("");
            return "account/register";
        }
    }

    @GetMapping("/login")
    String login() {
        return "account/login";
    }
}
