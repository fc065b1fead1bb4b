package org.lowcarbontogether.products.web;

import java.util.Locale;
import java.util.Map;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.products.ProductOffice;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The programme office's pages: the registry's overview per enterprise and category (also as JSON), and the
 * organisations accredited for product review, with a form to accredit one.
 */
@Controller
class ProductOfficePageController {

    private final ProductReviews reviews;
    private final ProductOffice office;
    private final ProblemWriter problems;

    ProductOfficePageController(ProductReviews reviews, ProductOffice office, ProblemWriter problems) {
        this.reviews = reviews;
        this.office = office;
        this.problems = problems;
    }

    @GetMapping("/admin/products")
    String overview(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("overview", office.overview(me));
        return "products/overview";
    }

    @GetMapping("/api/v1/admin/products/overview")
    @ResponseBody
    ProductOffice.Overview overviewJson(@AuthenticationPrincipal Actor me) {
        return office.overview(me);
    }

    @GetMapping("/admin/product-reviewers")
    String page(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        model.addAttribute("candidates", reviews.accreditable(me));
        model.addAttribute("accredited", reviews.accredited());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "products/office";
    }

    @PostMapping("/admin/product-reviewers")
    String accredit(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale) {
        try {
            reviews.accredit(me, EnterpriseProductsPageController.uuid(form.get("organisationId"), "organisationId"));
            return "redirect:/admin/product-reviewers?accredited";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            return page(me, model);
        }
    }
}
