package org.lowcarbontogether.grants.web;

import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.Applications;
import org.lowcarbontogether.grants.GrantCalls;
import org.lowcarbontogether.grants.Reviews;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Review of an application: an officer assigns reviewers; each declares a conflict of interest (or none) before
 * scoring every criterion 0–10 with a comment. Each form goes back to the application's page.
 */
@Controller
class ReviewPageController {

    private final GrantCalls calls;
    private final Applications applications;
    private final Reviews reviews;
    private final FormActions actions;

    ReviewPageController(GrantCalls calls, Applications applications, Reviews reviews, FormActions actions) {
        this.calls = calls;
        this.applications = applications;
        this.reviews = reviews;
        this.actions = actions;
    }

    @PostMapping("/applications/{id}/reviewers")
    String assign(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String email,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act("/applications/" + id, redirect, locale, () -> reviews.assign(me, id, email));
    }

    @PostMapping("/applications/{id}/declaration")
    String declare(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String conflict,
            @RequestParam(required = false) @Nullable String note,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/applications/" + id,
                redirect,
                locale,
                () -> reviews.declare(me, id, conflict == null ? null : conflict.equals("yes"), note));
    }

    /**
     * The scores, one per criterion of the application's call. The form names its inputs after the criterion's
     * position ({@code score1}, {@code comment1} …), so they are read per criterion rather than bound to an object.
     */
    @PostMapping("/applications/{id}/review")
    String review(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            WebRequest request,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act("/applications/" + id, redirect, locale, () -> {
            var scores = new ArrayList<Reviews.ScoreForm>();
            var violations = new ArrayList<Violation>();
            for (var criterion :
                    calls.get(applications.visible(me, id).callId()).criteria()) {
                int position = criterion.position();
                scores.add(new Reviews.ScoreForm(
                        position,
                        FormFields.integer(
                                request.getParameter("score" + position), "scores[" + position + "]", violations),
                        request.getParameter("comment" + position)));
            }
            FormFields.check(violations);
            reviews.score(me, id, scores);
        });
    }
}
