package org.lowcarbontogether.grants.web;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.UUID;
import org.lowcarbontogether.grants.Awards;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.shared.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Awards: an officer's decision on an application (an award with its tranches and milestones, or a decline), then
 * each tranche's payment and each milestone reached on the project's page.
 */
@Controller
class AwardPageController {

    private final Awards awards;
    private final FormActions actions;

    AwardPageController(Awards awards, FormActions actions) {
        this.awards = awards;
        this.actions = actions;
    }

    @InitBinder("decisionInput")
    void trancheAndMilestoneRows(WebDataBinder binder) {
        PageForms.keepRowsWhole(binder);
    }

    @PostMapping("/applications/{id}/decision")
    String decide(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid DecisionInput input,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/applications/" + id, binding, redirect, locale, () -> awards.decide(me, id, input.toDecision()));
    }

    @PostMapping("/projects/{id}/tranches/{position}/payment")
    String pay(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable int position,
            @Valid PaymentInput input,
            BindingResult binding,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act(
                "/projects/" + id,
                binding,
                redirect,
                locale,
                () -> awards.pay(me, id, position, input.getPaidOn(), input.getReference()));
    }

    @PostMapping("/projects/{id}/milestones/{position}/completion")
    String complete(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable int position,
            RedirectAttributes redirect,
            Locale locale) {
        return actions.act("/projects/" + id, redirect, locale, () -> awards.complete(me, id, position, null));
    }
}
