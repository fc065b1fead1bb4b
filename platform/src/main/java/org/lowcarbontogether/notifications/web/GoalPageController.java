package org.lowcarbontogether.notifications.web;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.notifications.Goals;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My weekly goal: this week's progress, the goal's form and the streak nudge. Its summary is on the account page too. */
@Controller
class GoalPageController {

    private final Goals goals;
    private final PageForms forms;
    private final ProblemWriter problems;

    GoalPageController(Goals goals, PageForms forms, ProblemWriter problems) {
        this.goals = goals;
        this.forms = forms;
        this.problems = problems;
    }

    @GetMapping("/account/goal")
    String page(@AuthenticationPrincipal Actor me, Model model) {
        var progress = goals.progress(me.id());
        return page(model, progress, forms.values(GoalInput.of(progress)), Map.of());
    }

    @PostMapping("/account/goal")
    String set(
            @AuthenticationPrincipal Actor me,
            @Valid GoalInput input,
            BindingResult binding,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return page(model, goals.progress(me.id()), forms.values(binding), forms.errors(binding, locale));
        }
        return PageRefusals.attempt(() -> goals.set(me, input.getMeasure(), input.getTarget(), input.isStreakNudge()))
                .then(
                        progress -> {
                            redirect.addFlashAttribute("saved", true);
                            return "redirect:/account/goal";
                        },
                        refusal -> page(
                                model,
                                goals.progress(me.id()),
                                forms.values(binding),
                                problems.fieldMessages(refusal, locale)));
    }

    @PostMapping("/account/goal/clear")
    String clear(@AuthenticationPrincipal Actor me, RedirectAttributes redirect) {
        goals.clear(me);
        redirect.addFlashAttribute("cleared", true);
        return "redirect:/account/goal";
    }

    private String page(
            Model model, Goals.Progress progress, Map<String, @Nullable Object> values, Map<String, String> errors) {
        model.addAttribute("progress", progress);
        model.addAttribute("measures", Goals.Measure.values());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "notifications/goal";
    }
}
