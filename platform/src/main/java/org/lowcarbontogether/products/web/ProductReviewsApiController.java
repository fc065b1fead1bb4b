package org.lowcarbontogether.products.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.products.ProductChallenges;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** NGO reviewers' queue and decisions, the office's accreditations, and public challenges with their answers. */
@RestController
@Tag(name = "Green products: reviews and challenges")
class ProductReviewsApiController {

    private final ProductReviews reviews;
    private final ProductChallenges challenges;

    ProductReviewsApiController(ProductReviews reviews, ProductChallenges challenges) {
        this.reviews = reviews;
        this.challenges = challenges;
    }

    record Accreditation(@Nullable UUID organisationId) {}

    @PostMapping("/api/v1/admin/product-review-accreditations")
    @Operation(summary = "Accredit an organisation (an NGO) for product review (programme office)")
    ResponseEntity<Void> accredit(@AuthenticationPrincipal Actor me, @RequestBody Accreditation body) {
        if (body.organisationId() == null) {
            throw Refusal.invalid("field-required", "organisationId", "organisationId");
        }
        reviews.accredit(me, body.organisationId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/product-review-accreditations")
    @Operation(summary = "The organisations accredited for product review")
    List<Organisations.Organisation> accredited() {
        return reviews.accredited();
    }

    @GetMapping("/api/v1/product-reviews")
    @Operation(summary = "Claims waiting for a reviewer, the caller's in review, and claims with open challenges")
    List<ProductReviews.QueuedClaim> queue(@AuthenticationPrincipal Actor me) {
        return reviews.queue(me);
    }

    @GetMapping("/api/v1/product-reviews/{claimId}")
    @Operation(summary = "A claim for review: product, claim, documents, history, challenges and checklist")
    ProductReviews.ClaimReview claim(@AuthenticationPrincipal Actor me, @PathVariable UUID claimId) {
        return reviews.claim(me, claimId);
    }

    @PostMapping("/api/v1/product-reviews/{claimId}/take")
    @Operation(
            summary = "Take a submitted claim into review (refused for the reviewer's own or conflicted enterprises)")
    Products.Claim take(@AuthenticationPrincipal Actor me, @PathVariable UUID claimId) {
        return reviews.take(me, claimId);
    }

    @PostMapping("/api/v1/product-reviews/{claimId}/decision")
    @Operation(summary = "Decide a claim in the caller's review", description = """
                    status VERIFIED (every checklist item of the claim's kind checked), NEEDS_CHANGES, DISPUTED or
                    REJECTED (reasons required). A verified claim expires with its certificate or after the set
                    validity, whichever comes first.""")
    Products.Claim decide(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID claimId,
            @RequestBody ProductReviews.Decision decision) {
        return reviews.decide(me, claimId, decision);
    }

    record Conflict(@Nullable UUID enterpriseId, @Nullable String reason) {}

    @PostMapping("/api/v1/product-reviews/conflicts")
    @Operation(summary = "Declare a conflict of interest with an enterprise: its claims are never the caller's")
    ResponseEntity<Void> conflict(@AuthenticationPrincipal Actor me, @RequestBody Conflict body) {
        if (body.enterpriseId() == null) {
            throw Refusal.invalid("field-required", "enterpriseId", "enterpriseId");
        }
        reviews.declareConflict(me, body.enterpriseId(), body.reason());
        return ResponseEntity.noContent().build();
    }

    record NewChallenge(
            @Nullable UUID claimId,
            @Nullable String statement,
            @Nullable String evidenceUrl,
            @Nullable String documentName,
            byte @Nullable [] document) {}

    @PostMapping("/api/v1/product-challenges")
    @Operation(
            summary = "Challenge a reviewed claim with evidence (a link, a base64 document, or both)",
            description = "The reviewing organisation must answer within the set time; challenges and outcomes are "
                    + "public, who filed them is not.")
    ResponseEntity<Products.Challenge> challenge(@AuthenticationPrincipal Actor me, @RequestBody NewChallenge body) {
        if (body.claimId() == null) {
            throw Refusal.invalid("field-required", "claimId", "claimId");
        }
        var challenge = challenges.file(
                me,
                body.claimId(),
                new ProductChallenges.Filing(
                        body.statement(), body.evidenceUrl(), body.documentName(), body.document()));
        return ResponseEntity.status(HttpStatus.CREATED).body(challenge);
    }

    @PostMapping("/api/v1/product-challenges/{id}/answer")
    @Operation(summary = "Answer an open challenge: UPHELD (the claim becomes disputed) or DISMISSED, with reasons")
    Products.Challenge answer(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody ProductChallenges.Answer body) {
        return challenges.answer(me, id, body);
    }

    @GetMapping("/api/v1/product-challenges/{id}/document")
    @Operation(summary = "A challenge's document, for the reviewers who may answer it and the person who filed it")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return Downloads.of(challenges.document(me, id));
    }
}
