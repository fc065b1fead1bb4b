package org.lowcarbontogether.incentives.web;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.incentives.CampaignMultipliers;
import org.lowcarbontogether.incentives.PointsRules;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Campaign points multipliers, set by the organisers of the campaign's organisation within the rules' range. */
@Controller
class CampaignMultiplierPageController {

    private final CampaignMultipliers campaigns;
    private final PointsRules rules;
    private final ProblemWriter problems;

    CampaignMultiplierPageController(CampaignMultipliers campaigns, PointsRules rules, ProblemWriter problems) {
        this.campaigns = campaigns;
        this.rules = rules;
        this.problems = problems;
    }

    @GetMapping("/incentives/campaigns")
    String campaigns(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("campaigns", campaigns.organisedBy(me.id()));
        model.addAttribute("current", rules.current());
        return "incentives/campaigns";
    }

    /** A value that is not a number, or one the service refuses, is said next to the campaign as the allowed range. */
    @PostMapping("/incentives/campaigns/{id}/multiplier")
    String setMultiplier(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String multiplier,
            Model model,
            RedirectAttributes redirect,
            Locale locale) {
        boolean refused;
        try {
            BigDecimal value =
                    multiplier == null || multiplier.isBlank() ? null : FormFields.boundedDecimal(multiplier.strip());
            refused = PageRefusals.refusalOf(() -> campaigns.setMultiplier(me.id(), id, value))
                    .isPresent();
        } catch (NumberFormatException | ArithmeticException e) {
            refused = true;
        }
        if (!refused) {
            redirect.addFlashAttribute("saved", id);
            return "redirect:/incentives/campaigns";
        }
        var current = rules.current();
        model.addAttribute(
                "fieldError",
                Map.of(
                        id,
                        problems.describe(
                                Refusal.unacceptable(
                                        "multiplier-out-of-range",
                                        "multiplier",
                                        current.campaignMultiplierMin()
                                                .stripTrailingZeros()
                                                .toPlainString(),
                                        current.campaignMultiplierMax()
                                                .stripTrailingZeros()
                                                .toPlainString()),
                                locale)));
        model.addAttribute("rejectedValue", Optional.ofNullable(multiplier).orElse(""));
        return campaigns(me, model);
    }
}
