package org.lowcarbontogether.products.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.products.ProductPhotos;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Enterprises' product pages: their products and a form to register one; a product with every claim, its status and
 * trail, a form to submit a claim, to revise one sent back, and to add evidence documents.
 */
@Controller
class EnterpriseProductsPageController {

    private final Products products;
    private final ProductPhotos photos;
    private final ProblemWriter problems;

    EnterpriseProductsPageController(Products products, ProductPhotos photos, ProblemWriter problems) {
        this.products = products;
        this.photos = photos;
        this.problems = problems;
    }

    @GetMapping("/enterprise/products")
    String mine(@AuthenticationPrincipal AuthenticatedUser me, Model model) {
        var enterprises = products.enterprisesOf(me);
        model.addAttribute("enterprises", enterprises);
        var byEnterprise = new java.util.LinkedHashMap<UUID, List<Products.Product>>();
        enterprises.forEach(e -> byEnterprise.put(e.id(), products.ofEnterprise(me, e.id())));
        model.addAttribute("products", byEnterprise);
        model.addAttribute("categories", products.categories());
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "products/enterprise";
    }

    @PostMapping("/enterprise/products")
    String register(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale) {
        try {
            UUID enterprise = uuid(form.get("enterpriseId"), "enterpriseId");
            var product = products.register(
                    me,
                    enterprise,
                    new Products.Registration(
                            form.get("gtin"),
                            form.get("name"),
                            form.get("brand"),
                            form.get("category"),
                            decimal(form.get("unitsPerItem"), "unitsPerItem")));
            return "redirect:/enterprise/products/" + product.printedGtin();
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("values", form);
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            return mine(me, model);
        }
    }

    @GetMapping("/enterprise/products/{gtin}")
    String product(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable String gtin, Model model) {
        var managed = products.manage(me, gtin);
        model.addAttribute("managed", managed);
        model.addAttribute("photos", photos.of(managed.product().id()));
        model.addAttribute("maxPhotos", ProductPhotos.MAX_PHOTOS);
        model.addAttribute("labels", ProductStoreViews.byCode(products.labelSchemes()));
        model.addAttribute("schemes", products.labelSchemes());
        model.addAttribute("boundaries", Products.BOUNDARIES);
        model.addAttribute("standards", Products.STANDARDS);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "products/enterprise-product";
    }

    @PostMapping("/enterprise/products/{gtin}/claims")
    String claim(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable String gtin,
            @RequestParam Map<String, String> form,
            Model model,
            Locale locale) {
        try {
            String claimId = form.get("claimId");
            if (claimId != null && !claimId.isBlank()) {
                products.reviseClaim(me, uuid(claimId, "claimId"), submission(form));
            } else {
                products.submitClaim(me, gtin, submission(form));
            }
            return "redirect:/enterprise/products/" + gtin + "?submitted";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("values", form);
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            return product(me, gtin, model);
        }
    }

    @PostMapping("/enterprise/products/{gtin}/claims/{claimId}/documents")
    String document(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable String gtin,
            @PathVariable UUID claimId,
            @RequestParam(name = "document", required = false) @Nullable MultipartFile document,
            Model model,
            Locale locale) {
        try {
            products.addEvidence(
                    me,
                    claimId,
                    document == null ? null : document.getOriginalFilename(),
                    ProductPagesController.bytes(document));
            return "redirect:/enterprise/products/" + gtin + "?uploaded#claim-" + claimId;
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            model.addAttribute("documentError", Map.of(claimId, problems.describe(refusal, locale)));
            return product(me, gtin, model);
        }
    }

    @GetMapping("/product-documents/{id}")
    org.springframework.http.ResponseEntity<byte[]> download(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return Downloads.of(products.evidence(me, id));
    }

    private static Products.ClaimSubmission submission(Map<String, String> form) {
        return new Products.ClaimSubmission(
                form.get("kind"),
                blankless(form.get("labelScheme")),
                blankless(form.get("certificateNumber")),
                integer(form.get("grade"), "grade"),
                date(form.get("certificateExpiresOn"), "certificateExpiresOn"),
                decimal(form.get("footprintKg"), "footprintKg"),
                blankless(form.get("systemBoundary")),
                blankless(form.get("standard")),
                integer(form.get("dataYear"), "dataYear"),
                blankless(form.get("verifier")));
    }

    static @Nullable String blankless(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    static @Nullable BigDecimal decimal(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw Refusal.invalid("number-invalid", field, text);
        }
    }

    static @Nullable Integer integer(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalid("number-invalid", field, text);
        }
    }

    static @Nullable LocalDate date(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw Refusal.invalid("number-invalid", field, text);
        }
    }

    static UUID uuid(@Nullable String text, String field) {
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("field-required", field, field);
        }
    }
}
