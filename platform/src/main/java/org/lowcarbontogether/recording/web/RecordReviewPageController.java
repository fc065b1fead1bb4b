package org.lowcarbontogether.recording.web;

import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My records" with their status, and the reviewers' queue of flagged records. */
@Controller
class RecordReviewPageController {

    private final RecordReview review;
    private final ProblemWriter problems;

    RecordReviewPageController(RecordReview review, ProblemWriter problems) {
        this.review = review;
        this.problems = problems;
    }

    @GetMapping("/records")
    String mine(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("records", review.recordsOf(me.id(), null, 200));
        return "recording/records";
    }

    @PostMapping("/records/{recordId}/withdraw")
    String withdraw(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID recordId,
            @RequestParam String reason,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/records", () -> review.reverse(me, me.id(), recordId, reason));
    }

    @GetMapping("/review")
    String queue(@AuthenticationPrincipal Actor me, Model model) {
        if (!me.hasRole(Role.REVIEWER) && !me.hasRole(Role.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        model.addAttribute("records", review.queue(me, 200));
        return "recording/review";
    }

    @PostMapping("/review/{userId}/{recordId}/{decision:approve|reject}")
    String decide(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID userId,
            @PathVariable UUID recordId,
            @PathVariable String decision,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect,
            Locale locale) {
        return attempt(redirect, locale, "/review", () -> {
            if (decision.equals("approve")) {
                review.approve(me, userId, recordId, note);
            } else {
                review.reject(me, userId, recordId, note == null ? "" : note);
            }
        });
    }

    private String attempt(RedirectAttributes redirect, Locale locale, String back, Runnable step) {
        try {
            step.run();
            redirect.addFlashAttribute("done", true);
        } catch (Refusal e) {
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:" + back;
    }
}
