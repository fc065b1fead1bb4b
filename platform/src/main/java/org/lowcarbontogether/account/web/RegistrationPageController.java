package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Consents;
import org.lowcarbontogether.account.PrivacyNotice;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Registration: the form, and signing the new person in at once. */
@Controller
class RegistrationPageController {

    private final Registration registration;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final ProblemWriter problems;

    RegistrationPageController(Registration registration, ProblemWriter problems) {
        this.registration = registration;
        this.problems = problems;
    }

    /** The registration form's fields. */
    static class RegistrationForm {
        private String email = "";
        private String displayName = "";
        private String password = "";
        /** {@code 14-or-older} or {@code under-14}; nothing until the person chooses (a required choice). */
        private String age = "";

        private String guardianEmail = "";

        public String getAge() {
            return age;
        }

        public void setAge(String age) {
            this.age = age;
        }

        public String getGuardianEmail() {
            return guardianEmail;
        }

        public void setGuardianEmail(String guardianEmail) {
            this.guardianEmail = guardianEmail;
        }

        /** The age the person declared: null when they chose neither. */
        @Nullable
        Boolean under14() {
            return switch (age) {
                case "under-14" -> true;
                case "14-or-older" -> false;
                default -> null;
            };
        }

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

    /** The form; {@code email} fills in the address an invitation was mailed to. */
    @GetMapping("/register")
    String registerForm(@RequestParam(required = false) @Nullable String email, Model model) {
        var form = new RegistrationForm();
        if (email != null && email.length() <= 254) {
            form.setEmail(email.strip());
        }
        model.addAttribute("form", form);
        return "account/register";
    }

    @ModelAttribute("privacyNoticeVersion")
    String privacyNoticeVersion() {
        return PrivacyNotice.VERSION;
    }

    /**
     * Registers and signs the new person in at once, then takes them to record their first behaviour: a new session id,
     * and the session holds them as a sign-in would.
     */
    @PostMapping("/register")
    String register(
            @ModelAttribute("form") RegistrationForm form,
            BindingResult errors,
            RedirectAttributes redirect,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            // The page says that creating the account accepts the privacy notice, with a link to it.
            var registered = registration.register(
                    new Registration.SignUp(
                            form.getEmail(),
                            form.getDisplayName(),
                            form.getPassword(),
                            locale,
                            form.under14(),
                            Boolean.TRUE.equals(form.under14()) ? form.getGuardianEmail() : null),
                    Consents.How.REGISTRATION_PAGE);
            var person = registration.principal(registered.id()).orElseThrow();
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(person, null, person.getAuthorities()));
            SecurityContextHolder.setContext(context);
            request.getSession(true);
            request.changeSessionId();
            sessions.saveContext(context, request, response);
            redirect.addAttribute("welcome", "");
            return "redirect:/record";
        } catch (Refusal e) {
            problems.bind(e, errors, locale, field -> field.equals("under14") ? "age" : field);
            form.setPassword("");
            return "account/register";
        }
    }
}
