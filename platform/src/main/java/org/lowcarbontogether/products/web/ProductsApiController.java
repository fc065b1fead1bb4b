package org.lowcarbontogether.products.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.products.ProductPurchases;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The product registry's API: public lookup and search, enterprises' products and claims, and purchases. */
@RestController
@Tag(name = "Green products")
class ProductsApiController {

    private final Products products;
    private final ProductPurchases purchases;

    ProductsApiController(Products products, ProductPurchases purchases) {
        this.products = products;
        this.purchases = purchases;
    }

    @GetMapping("/api/v1/products")
    @Operation(summary = "Search reviewed products by name, brand or barcode number (at most 30)")
    List<Products.Product> search(@RequestParam(name = "q", required = false) @Nullable String q) {
        return products.search(q);
    }

    @GetMapping("/api/v1/products/categories")
    @Operation(summary = "Product categories, each with its functional unit and methodology baseline factor, if any")
    List<Products.Category> categories() {
        return products.categories();
    }

    @GetMapping("/api/v1/products/labels")
    @Operation(summary = "The labels a claim may name, with their issuer and how to verify a certificate")
    List<Products.LabelScheme> labels() {
        return products.labelSchemes();
    }

    @GetMapping("/api/v1/products/{gtin}")
    @Operation(summary = "A product by barcode number (GTIN-8, -12, -13 or -14)", description = """
                    Its reviewed claims only (verified, expired, disputed) with their review trail and challenges, and
                    the comparison with its category's typical footprint where the methodology has one. A product with
                    no reviewed claim is 404 like an unknown one; a number with a wrong check digit is 422.""")
    Products.PublicProduct lookup(@PathVariable String gtin) {
        return products.lookup(gtin);
    }

    @GetMapping("/api/v1/products/{gtin}/credit-basis")
    @Operation(summary = "What one item would be credited from: the verified disclosure against the category baseline")
    Products.Comparison creditBasis(@PathVariable String gtin) {
        return purchases.creditBasis(gtin);
    }

    /** A product to register for an enterprise the caller organises. */
    record NewProduct(
            @Nullable UUID enterpriseId,
            @Nullable String gtin,
            @Nullable String name,
            @Nullable String brand,
            @Nullable String category,
            @Nullable BigDecimal unitsPerItem) {}

    @PostMapping("/api/v1/products")
    @Operation(summary = "Register a product for an enterprise the caller organises; nothing is public until reviewed")
    ResponseEntity<Products.Product> register(@AuthenticationPrincipal Actor me, @RequestBody NewProduct body) {
        if (body.enterpriseId() == null) {
            throw org.lowcarbontogether.shared.Refusal.invalid("field-required", "enterpriseId", "enterpriseId");
        }
        var product = products.register(
                me,
                body.enterpriseId(),
                new Products.Registration(
                        body.gtin(), body.name(), body.brand(), body.category(), body.unitsPerItem()));
        return ResponseEntity.created(URI.create("/api/v1/products/" + product.printedGtin()))
                .body(product);
    }

    @GetMapping("/api/v1/enterprises/{enterpriseId}/products")
    @Operation(summary = "An enterprise's products, for its organisers")
    List<Products.Product> ofEnterprise(@AuthenticationPrincipal Actor me, @PathVariable UUID enterpriseId) {
        return products.ofEnterprise(me, enterpriseId);
    }

    @GetMapping("/api/v1/products/{gtin}/management")
    @Operation(summary = "One of the caller's enterprise's products with every claim, pending ones included")
    Products.ManagedProduct manage(@AuthenticationPrincipal Actor me, @PathVariable String gtin) {
        return products.manage(me, gtin);
    }

    @PostMapping("/api/v1/products/{gtin}/claims")
    @Operation(summary = "Submit a claim (LABEL or FOOTPRINT) for review")
    ResponseEntity<Products.Claim> claim(
            @AuthenticationPrincipal Actor me, @PathVariable String gtin, @RequestBody Products.ClaimSubmission body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(products.submitClaim(me, gtin, body));
    }

    @PutMapping("/api/v1/product-claims/{id}")
    @Operation(summary = "Revise a claim sent back for changes (or not yet taken) and submit it again")
    Products.Claim revise(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Products.ClaimSubmission body) {
        return products.reviseClaim(me, id, body);
    }

    @PostMapping(path = "/api/v1/product-claims/{id}/documents")
    @Operation(summary = "Add an evidence document (PDF, JPEG, PNG or WebP, at most 5 MB; checked by content)")
    ResponseEntity<Products.Evidence> document(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(name = "name", required = false) @Nullable String name,
            @RequestBody byte[] content) {
        return ResponseEntity.status(HttpStatus.CREATED).body(products.addEvidence(me, id, name, content));
    }

    @GetMapping("/api/v1/product-documents/{id}")
    @Operation(summary = "An evidence document, for the enterprise's organisers and the reviewers who may review it")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return Downloads.of(products.evidence(me, id));
    }

    /** A purchase: how many items, when, and the receipt photo (base64). */
    record NewPurchase(
            @Nullable BigDecimal quantity, @Nullable OffsetDateTime purchasedAt, byte @Nullable [] receipt) {}

    @PostMapping("/api/v1/products/{gtin}/purchases")
    @Operation(summary = "Record buying a verified green product", description = """
                    The reduction comes from the registry: the verified footprint disclosure against the category's
                    baseline in the methodology version in effect on the day of purchase, per item (the answer's
                    comparison and the record's externalRef cite the baseline's factor, source and version). The
                    receipt photo (JPEG, PNG or WebP, base64) is the evidence; the record waits for a reviewer (202).
                    An unknown product is 404; a product without a verified footprint claim, a category without a
                    baseline (with the methodology's reason), or a footprint not below it is 422 and nothing is
                    recorded. The Idempotency-Key header is required.""")
    ResponseEntity<ProductPurchases.Recorded> purchase(
            @AuthenticationPrincipal Actor me,
            @PathVariable String gtin,
            @Parameter(description = "Unique key for this request") @RequestHeader("Idempotency-Key") String key,
            @RequestBody NewPurchase body) {
        var recorded = purchases.record(
                me, key, new ProductPurchases.Purchase(gtin, body.quantity(), body.purchasedAt(), body.receipt()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(recorded);
    }
}
