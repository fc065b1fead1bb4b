package org.lowcarbontogether.products.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.products.ProductChallenges;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Product reviewers' pages: the queue (with a form to declare a conflict of interest), and a claim's review — its
 * documents, history and challenges, the button to take it, the decision with its checklist, and answers to challenges.
 */
@Controller
class ProductReviewPagesController {

    private final ProductReviews reviews;
    private final ProductChallenges challenges;
    private final Products products;
    private final ProblemWriter problems;

    ProductReviewPagesController(
            ProductReviews reviews, ProductChallenges challenges, Products products, ProblemWriter problems) {
        this.reviews = reviews;
        this.challenges = challenges;
        this.products = products;
        this.problems = problems;
    }

    @GetMapping("/product-reviews")
    String queue(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("queue", reviews.queue(me));
        model.addAttribute("enterprises", reviews.enterprises());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "products/reviews";
    }

    @PostMapping("/product-reviews/conflicts")
    String conflict(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale) {
        try {
            reviews.declareConflict(
                    me,
                    EnterpriseProductsPageController.uuid(form.get("enterpriseId"), "enterpriseId"),
                    form.get("reason"));
            return "redirect:/product-reviews?declared";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            return queue(me, model);
        }
    }

    @GetMapping("/product-reviews/{claimId}")
    String claim(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID claimId, Model model) {
        model.addAttribute("review", reviews.claim(me, claimId));
        model.addAttribute("labels", ProductStoreViews.byCode(products.labelSchemes()));
        model.addAttribute("decisions", List.of("VERIFIED", "NEEDS_CHANGES", "DISPUTED", "REJECTED"));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        return "products/review";
    }

    @PostMapping("/product-reviews/{claimId}/take")
    String take(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID claimId) {
        reviews.take(me, claimId);
        return "redirect:/product-reviews/" + claimId;
    }

    @PostMapping("/product-reviews/{claimId}/decision")
    String decide(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID claimId,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "reasons", required = false) @Nullable String reasons,
            @RequestParam(name = "checklist", required = false) @Nullable List<String> checklist,
            Model model,
            Locale locale) {
        try {
            reviews.decide(me, claimId, new ProductReviews.Decision(status, reasons, checklist));
            return "redirect:/product-reviews/" + claimId + "?decided";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            model.addAttribute("values", Map.of("reasons", reasons == null ? "" : reasons));
            return claim(me, claimId, model);
        }
    }

    @PostMapping("/product-reviews/{claimId}/challenges/{challengeId}/answer")
    String answer(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID claimId,
            @PathVariable UUID challengeId,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale) {
        try {
            challenges.answer(me, challengeId, new ProductChallenges.Answer(form.get("outcome"), form.get("answer")));
            return "redirect:/product-reviews/" + claimId + "?answered";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            model.addAttribute("answering", challengeId);
            return claim(me, claimId, model);
        }
    }
}
