package org.lowcarbontogether.schools.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.schools.ClassFigures;
import org.lowcarbontogether.schools.PupilRecords;
import org.lowcarbontogether.schools.Schools;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of guardians and pupils: a class's join page (the guardian's address, the pupil's nickname and age, the
 * guardian's consent; the pupil code shown once), the pupil's sign-in (class code and pupil code), and the pupil's
 * class page — pictures of the behaviours they may record, the class total and its challenges, nobody ranked.
 */
@Controller
class PupilPageController {

    private final Schools schools;
    private final ClassFigures figures;
    private final PupilRecords records;
    private final ProblemWriter problems;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    PupilPageController(Schools schools, ClassFigures figures, PupilRecords records, ProblemWriter problems) {
        this.schools = schools;
        this.figures = figures;
        this.records = records;
        this.problems = problems;
    }

    @GetMapping("/schools/join")
    String join(@RequestParam(required = false) @Nullable String code, Model model, Locale locale) {
        model.addAttribute("code", code == null ? "" : code);
        model.addAttribute("errors", Map.of());
        if (code != null && !code.isBlank()) {
            try {
                model.addAttribute("joining", schools.joining(code));
            } catch (Refusal e) {
                model.addAttribute("errors", problems.fieldMessages(e, locale));
            }
        }
        return "schools/join";
    }

    @PostMapping("/schools/join")
    String joined(
            @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String guardianEmail,
            @RequestParam(required = false) @Nullable String nickname,
            @RequestParam(required = false) @Nullable String age,
            @RequestParam(required = false) @Nullable String consent,
            Model model,
            Locale locale) {
        model.addAttribute("code", code == null ? "" : code);
        model.addAttribute("guardianEmail", guardianEmail);
        model.addAttribute("nickname", nickname);
        model.addAttribute("age", age);
        model.addAttribute("errors", Map.of());
        try {
            model.addAttribute("joining", schools.joining(code));
            Integer years = age == null || !age.strip().matches("\\d{1,2}") ? null : Integer.valueOf(age.strip());
            var joined = schools.join(
                    code, new Schools.JoinForm(guardianEmail, nickname, years, "yes".equals(consent)), locale);
            model.addAttribute("joined", joined);
        } catch (Refusal e) {
            model.addAttribute("errors", problems.fieldMessages(e, locale));
        }
        return "schools/join";
    }

    @GetMapping("/schools/pupil")
    String signIn(@RequestParam(required = false) @Nullable String code, Model model) {
        model.addAttribute("code", code == null ? "" : code);
        model.addAttribute("errors", Map.of());
        return "schools/pupil-sign-in";
    }

    @PostMapping("/schools/pupil")
    String signedIn(
            @RequestParam(required = false) @Nullable String code,
            @RequestParam(required = false) @Nullable String pupilCode,
            Model model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            var pupil = schools.signInPupil(code, pupilCode);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(pupil, null, pupil.getAuthorities()));
            SecurityContextHolder.setContext(context);
            request.getSession(true);
            request.changeSessionId();
            sessions.saveContext(context, request, response);
            return "redirect:/schools/me";
        } catch (Refusal e) {
            model.addAttribute("code", code == null ? "" : code);
            model.addAttribute("errors", problems.fieldMessages(e, locale));
            return "schools/pupil-sign-in";
        }
    }

    @GetMapping("/schools/me")
    String me(@AuthenticationPrincipal Actor me, Model model) {
        var view = figures.forPupil(me);
        model.addAttribute("view", view);
        model.addAttribute("behaviours", records.behaviours(me));
        return "schools/pupil";
    }

    @PostMapping("/schools/me/record")
    String record(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String behaviour,
            @RequestParam(required = false) @Nullable String quantity,
            @RequestParam(required = false) @Nullable String key,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            BigDecimal amount = quantity == null || quantity.isBlank() ? null : new BigDecimal(quantity.strip());
            var receipt = records.record(
                    me,
                    behaviour,
                    amount,
                    key == null || key.isBlank() ? UUID.randomUUID().toString() : key);
            redirect.addFlashAttribute("recorded", receipt.status().name());
            redirect.addFlashAttribute("recordedBehaviour", receipt.behaviour());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute(
                    "problem", problems.describe(Refusal.invalid("quantity-not-positive", "quantity"), locale));
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/schools/me";
    }
}
