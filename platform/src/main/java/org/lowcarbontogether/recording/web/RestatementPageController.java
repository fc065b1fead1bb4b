package org.lowcarbontogether.recording.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.recording.Restatements;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Reviewers restate past records under a newer version, and see what earlier restatements did. */
@Controller
class RestatementPageController {

    private final Restatements restatements;
    private final Methodology methodology;
    private final ProblemWriter problems;

    RestatementPageController(Restatements restatements, Methodology methodology, ProblemWriter problems) {
        this.restatements = restatements;
        this.methodology = methodology;
        this.problems = problems;
    }

    @GetMapping("/methodology/restatements")
    String page(@AuthenticationPrincipal Actor me, Model model) {
        if (!me.hasRole(Role.REVIEWER) && !me.hasRole(Role.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("reports", restatements.reports());
        model.addAttribute("history", methodology.history());
        model.addAttribute("behaviours", methodology.current().behaviours());
        return "recording/restatements";
    }

    @PostMapping("/methodology/restatements")
    String restate(
            @AuthenticationPrincipal Actor me,
            @RequestParam String targetVersion,
            @RequestParam(required = false) @Nullable List<String> behaviours,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam String reason,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            var report = restatements.restate(
                    me,
                    new Restatements.Request(
                            targetVersion,
                            behaviours == null || behaviours.isEmpty() ? null : behaviours,
                            from,
                            to,
                            reason));
            redirect.addFlashAttribute("done", report);
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/methodology/restatements";
    }
}
