package org.lowcarbontogether.grants.web;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.grants.AwardPlans;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The project page's plan form: a grantee proposes a planned output's target and date, an officer sets it. */
@Controller
class AwardPlanPageController {

    private final AwardPlans plans;
    private final FormActions actions;

    AwardPlanPageController(AwardPlans plans, FormActions actions) {
        this.plans = plans;
        this.actions = actions;
    }

    @PostMapping("/projects/{id}/plan")
    String plan(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid PlanInput input,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act("/projects/" + id + "#plan", binding, redirect, locale, () -> {
            if ("set".equals(input.getAction())) {
                plans.set(me, id, input.getOutput(), input.getTarget(), input.getDueOn());
            } else {
                plans.propose(me, id, input.getOutput(), input.getTarget(), input.getDueOn());
            }
        });
    }
}
