package org.lowcarbontogether.campaigns.web;

import jakarta.validation.Valid;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.campaigns.Handovers;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.platform.PageForms;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Green Graduation hand-overs on a campaign's items page: graduates list what they pass on, juniors reserve it, the
 * receiver confirms. Only an unknown campaign or item is the error page; every other refusal is said on the page.
 */
@Controller
class HandoverPageController {

    private final Campaigns campaigns;
    private final Handovers handovers;
    private final Participation participation;
    private final ProblemWriter problems;
    private final PageForms forms;

    HandoverPageController(
            Campaigns campaigns,
            Handovers handovers,
            Participation participation,
            ProblemWriter problems,
            PageForms forms) {
        this.campaigns = campaigns;
        this.handovers = handovers;
        this.participation = participation;
        this.problems = problems;
        this.forms = forms;
    }

    /** The items on offer, the caller's own, and the form to list one. */
    @GetMapping("/campaigns/{id}/items")
    String items(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        return page(me, id, model, Map.of(), Map.of());
    }

    @PostMapping("/campaigns/{id}/items")
    String listItem(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @Valid ItemInput input,
            BindingResult binding,
            Model model,
            Locale locale) {
        if (binding.hasErrors()) {
            return page(me, id, model, forms.values(binding), forms.errors(binding, locale));
        }
        return PageRefusals.refusalOf(
                        () -> handovers.list(
                                me,
                                id,
                                input.getCategory(),
                                input.getTitle(),
                                input.getDescription(),
                                input.getWeightKg()),
                        e -> e.kind() == Refusal.Kind.NOT_FOUND)
                .map(refusal -> page(me, id, model, forms.values(binding), problems.fieldMessages(refusal, locale)))
                .orElse("redirect:/campaigns/" + id + "/items");
    }

    @PostMapping("/campaigns/{id}/items/{itemId}/{action}")
    String itemAction(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @PathVariable UUID itemId,
            @PathVariable String action,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(
                        () -> {
                            switch (action) {
                                case "reserve" -> handovers.reserve(me, id, itemId);
                                case "release" -> handovers.release(me, id, itemId);
                                case "confirm" -> handovers.confirm(me, id, itemId);
                                case "withdraw" -> handovers.withdraw(me, id, itemId);
                                default ->
                                    throw new Refusal(Refusal.Kind.NOT_FOUND, "handover-item-unknown", "id", itemId);
                            }
                        },
                        e -> e.kind() == Refusal.Kind.NOT_FOUND)
                .ifPresent(refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/campaigns/" + id + "/items";
    }

    private String page(
            Actor me, UUID id, Model model, Map<String, @Nullable Object> values, Map<String, String> errors) {
        model.addAttribute("campaign", campaigns.get(id));
        model.addAttribute("items", handovers.items(id));
        model.addAttribute("joined", participation.isParticipant(Scope.campaign(id), me.id()));
        model.addAttribute("categories", Handovers.Category.values());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "campaigns/items";
    }
}
