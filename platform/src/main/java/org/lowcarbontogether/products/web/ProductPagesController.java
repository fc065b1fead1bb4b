package org.lowcarbontogether.products.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.products.Gtin;
import org.lowcarbontogether.products.ProductChallenges;
import org.lowcarbontogether.products.ProductPhotos;
import org.lowcarbontogether.products.ProductPurchases;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public product pages: lookup by barcode (typed, or scanned with the camera where the browser can) or by name,
 * and a product's page with its reviewed claims, review trail, challenges and comparison — where anyone signed in can
 * file a challenge.
 */
@Controller
class ProductPagesController {

    private final Products products;
    private final ProductChallenges challenges;
    private final ProductPurchases purchases;
    private final ProblemWriter problems;
    private final ProductReviews reviews;

    private final ProductPhotos photos;

    ProductPagesController(
            Products products,
            ProductChallenges challenges,
            ProductPurchases purchases,
            ProblemWriter problems,
            ProductReviews reviews,
            ProductPhotos photos) {
        this.photos = photos;
        this.reviews = reviews;
        this.products = products;
        this.challenges = challenges;
        this.purchases = purchases;
        this.problems = problems;
    }

    @GetMapping("/products")
    String lookup(
            @RequestParam(name = "gtin", required = false) @Nullable String gtin,
            @RequestParam(name = "q", required = false) @Nullable String q,
            @AuthenticationPrincipal @Nullable AuthenticatedUser me,
            Model model,
            Locale locale) {
        model.addAttribute(
                "enterprise", me != null && !products.enterprisesOf(me).isEmpty());
        model.addAttribute("reviewer", me != null && reviews.isReviewer(me));
        model.addAttribute("gtin", gtin == null ? "" : gtin);
        model.addAttribute("q", q == null ? "" : q);
        if (gtin != null && !gtin.isBlank()) {
            try {
                String number = Gtin.parse(gtin, "gtin");
                products.lookup(number);
                return "redirect:/products/" + Gtin.printed(number);
            } catch (Refusal refusal) {
                model.addAttribute("gtinError", problems.describe(refusal, locale));
            }
        }
        if (q != null && !q.isBlank()) {
            try {
                model.addAttribute("results", products.search(q));
            } catch (Refusal refusal) {
                model.addAttribute("qError", problems.describe(refusal, locale));
            }
        }
        return "products/lookup";
    }

    @GetMapping("/products/{gtin}")
    String product(
            @PathVariable String gtin,
            @AuthenticationPrincipal @Nullable AuthenticatedUser me,
            Model model,
            Locale locale) {
        var product = products.lookup(gtin);
        model.addAttribute("view", product);
        model.addAttribute("photos", photos.of(product.product().id()));
        model.addAttribute(
                "category",
                products.categories().stream()
                        .filter(c -> c.code().equals(product.product().category()))
                        .findFirst()
                        .orElseThrow());
        model.addAttribute("labels", ProductStoreViews.byCode(products.labelSchemes()));
        model.addAttribute("signedIn", me != null);
        model.addAttribute("answerDays", challenges.answerWithin().toDays());
        try {
            model.addAttribute("credit", purchases.creditBasis(gtin));
        } catch (Refusal refusal) {
            model.addAttribute("noCredit", problems.describe(refusal, locale));
        }
        model.addAttribute("errors", Map.of());
        model.addAttribute("purchaseErrors", Map.of());
        model.addAttribute("values", Map.of());
        model.addAttribute("purchaseKey", UUID.randomUUID().toString());
        return "products/product";
    }

    @PostMapping("/products/{gtin}/claims/{claimId}/challenges")
    String challenge(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable String gtin,
            @PathVariable UUID claimId,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "document", required = false) @Nullable MultipartFile document,
            Model model,
            Locale locale) {
        try {
            challenges.file(
                    me,
                    claimId,
                    new ProductChallenges.Filing(
                            form.get("statement"),
                            form.get("evidenceUrl"),
                            document == null ? null : document.getOriginalFilename(),
                            bytes(document)));
            return "redirect:/products/" + gtin + "?challenged#claim-" + claimId;
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            product(gtin, me, model, locale);
            model.addAttribute("errors", problems.fieldMessages(refusal, locale));
            model.addAttribute("values", form);
            model.addAttribute("challengedClaim", claimId);
            return "products/product";
        }
    }

    @PostMapping("/products/{gtin}/purchases")
    String purchase(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable String gtin,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "receipt", required = false) @Nullable MultipartFile receipt,
            Model model,
            Locale locale) {
        try {
            String key = form.getOrDefault("key", "");
            purchases.record(
                    me,
                    key.isBlank() ? UUID.randomUUID().toString() : key,
                    new ProductPurchases.Purchase(
                            gtin,
                            EnterpriseProductsPageController.decimal(form.get("quantity"), "quantity"),
                            purchasedAt(form.get("purchasedAt")),
                            bytes(receipt)));
            return "redirect:/products/" + gtin + "?recorded#purchase";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            product(gtin, me, model, locale);
            model.addAttribute("purchaseErrors", problems.fieldMessages(refusal, locale));
            model.addAttribute("values", form);
            return "products/product";
        }
    }

    /** A purchase time as a date-time field sends it (programme time), or refused naming the field. */
    static java.time.@Nullable OffsetDateTime purchasedAt(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(text.strip())
                    .atZone(org.lowcarbontogether.shared.ProgrammeCalendar.ZONE)
                    .toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.invalid("number-invalid", "purchasedAt", text);
        }
    }

    @GetMapping("/product-challenges/{id}/document")
    ResponseEntity<byte[]> challengeDocument(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return Downloads.of(challenges.document(me, id));
    }

    static byte @Nullable [] bytes(@Nullable MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
