package org.lowcarbontogether.products;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.Rows;
import org.lowcarbontogether.products.Products.Claim;
import org.lowcarbontogether.products.Products.Kind;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The NGO review of product claims. The programme office accredits organisations for product review; a member of one
 * is a reviewer, who may review any claim except their own organisation's, an enterprise they belong to, or one they
 * declared a conflict with. A reviewer takes a submitted claim (IN_REVIEW) and decides it: VERIFIED (every checklist
 * item of its kind checked), or NEEDS_CHANGES, DISPUTED or REJECTED with reasons. Every step is kept in the claim's
 * history and audited. A verified claim expires with its certificate or after {@code lct.products.claim-validity}.
 */
@Service
public class ProductReviews {

    /** What a reviewer checks before verifying; labels are {@code products.check.<name>}. */
    public enum Check {
        CERTIFICATE_CHECKED_WITH_ISSUER(Kind.LABEL),
        LABEL_MATCHES_PRODUCT(Kind.LABEL),
        BOUNDARY_STATED(Kind.FOOTPRINT),
        FUNCTIONAL_UNIT_COMPARABLE(Kind.FOOTPRINT),
        STANDARD_AND_VERIFIER_CHECKED(Kind.FOOTPRINT),
        NO_VAGUE_WORDS(null);

        private final @Nullable Kind kind;

        Check(@Nullable Kind kind) {
            this.kind = kind;
        }

        public boolean appliesTo(Kind claimKind) {
            return kind == null || kind == claimKind;
        }

        public static List<Check> of(Kind claimKind) {
            return java.util.Arrays.stream(values())
                    .filter(c -> c.appliesTo(claimKind))
                    .toList();
        }
    }

    /** A decision on a claim in review. */
    public record Decision(
            @Nullable String status,
            @Nullable String reasons,
            @Nullable List<String> checklist) {}

    /** A claim in a reviewer's queue. */
    public record QueuedClaim(Claim claim, Products.Product product, long openChallenges) {}

    /** A claim as a reviewer sees it: the product, the claim with its documents, history and challenges. */
    public record ClaimReview(
            Products.Product product,
            Claim claim,
            List<Products.Step> trail,
            List<Products.Challenge> challenges,
            boolean mine,
            List<Check> checks) {}

    private final JdbcClient jdbc;
    private final ProductStore store;
    private final Organisations organisations;
    private final AuditLog audit;
    private final Duration validity;

    ProductReviews(
            JdbcClient jdbc,
            ProductStore store,
            Organisations organisations,
            AuditLog audit,
            @Value("${lct.products.claim-validity:P365D}") Duration validity) {
        this.jdbc = jdbc;
        this.store = store;
        this.organisations = organisations;
        this.audit = audit;
        this.validity = validity;
    }

    // ---- the programme office

    /** Accredits an organisation (an NGO) for product review. Programme officers and administrators only. */
    @Transactional
    public void accredit(Actor me, UUID organisationId) {
        if (!me.hasRole(Role.PROGRAMME_OFFICER) && !me.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("not-programme-office", null);
        }
        var organisation = organisations.get(organisationId);
        if (organisation.kind() == Organisations.Kind.ENTERPRISE) {
            throw Refusal.unacceptable("enterprise-cannot-review", "organisationId");
        }
        int added = jdbc.sql("""
                        insert into product_review_accreditation (organisation_id, accredited_by, accredited_at)
                        values (:org, :by, :at) on conflict do nothing""")
                .param("org", organisationId)
                .param("by", me.id())
                .param("at", Timestamp.from(store.now()))
                .update();
        if (added > 0) {
            audit.record(
                    me.id(),
                    AuditLog.Action.PRODUCT_REVIEW_ACCREDITED,
                    organisationId,
                    AuditLog.Target.ORGANISATION,
                    organisationId,
                    Map.of());
        }
    }

    /** The accredited organisations. */
    public List<Organisations.Organisation> accredited() {
        return Rows.present(jdbc.sql("select organisation_id from product_review_accreditation order by accredited_at")
                        .query(UUID.class)
                        .list())
                .stream()
                .map(organisations::get)
                .toList();
    }

    /** Organisations the office may still accredit: any but enterprises and those accredited already. */
    public List<Organisations.Organisation> accreditable(Actor me) {
        if (!me.hasRole(Role.PROGRAMME_OFFICER) && !me.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("not-programme-office", null);
        }
        var accredited = accredited();
        return organisations.all().stream()
                .filter(o -> o.kind() != Organisations.Kind.ENTERPRISE && !accredited.contains(o))
                .toList();
    }

    // ---- reviewers

    /** The accredited organisations the caller belongs to; none means they are no product reviewer. */
    public List<UUID> reviewingOrganisations(Actor me) {
        return Rows.present(jdbc.sql("select organisation_id from product_review_accreditation")
                        .query(UUID.class)
                        .list())
                .stream()
                .filter(org -> organisations.isMember(me.id(), org))
                .toList();
    }

    public boolean isReviewer(Actor me) {
        return !reviewingOrganisations(me).isEmpty();
    }

    private List<UUID> requireReviewer(Actor me) {
        var orgs = reviewingOrganisations(me);
        if (orgs.isEmpty()) {
            throw Refusal.forbidden("not-product-reviewer", null);
        }
        return orgs;
    }

    /** Every enterprise, for a reviewer declaring a conflict. */
    public List<Organisations.Organisation> enterprises() {
        return organisations.all().stream()
                .filter(o -> o.kind() == Organisations.Kind.ENTERPRISE)
                .toList();
    }

    /** Declares a conflict with an enterprise: the reviewer will not be given its claims. */
    @Transactional
    public void declareConflict(Actor me, UUID enterpriseId, @Nullable String reason) {
        requireReviewer(me);
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("field-required", "reason", "reason");
        }
        organisations.get(enterpriseId);
        jdbc.sql("""
                        insert into product_review_conflict (reviewer_id, enterprise_id, reason, declared_at)
                        values (:me, :e, :reason, :at)
                        on conflict (reviewer_id, enterprise_id) do update set reason = excluded.reason""")
                .param("me", me.id())
                .param("e", enterpriseId)
                .param("reason", reason.strip())
                .param("at", Timestamp.from(store.now()))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_CONFLICT_DECLARED,
                enterpriseId,
                AuditLog.Target.ORGANISATION,
                enterpriseId,
                Map.of());
    }

    /** Why the caller may not review a claim of this enterprise, if they may not: a refusal code. */
    Optional<String> conflict(Actor me, UUID enterpriseId) {
        var orgs = reviewingOrganisations(me);
        if (orgs.isEmpty()) {
            return Optional.of("not-product-reviewer");
        }
        if (orgs.contains(enterpriseId) || organisations.isMember(me.id(), enterpriseId)) {
            return Optional.of("review-own-organisation");
        }
        boolean declared = jdbc.sql("""
                        select exists (select 1 from product_review_conflict where reviewer_id = :me and enterprise_id = :e)""")
                .param("me", me.id())
                .param("e", enterpriseId)
                .query(Boolean.class)
                .single();
        return declared ? Optional.of("review-conflict-declared") : Optional.empty();
    }

    boolean mayReview(Actor me, Claim claim) {
        return conflict(me, claim.enterpriseId()).isEmpty();
    }

    /** The claims waiting for a reviewer (that the caller may take) and those the caller has in review. */
    public List<QueuedClaim> queue(Actor me) {
        requireReviewer(me);
        var claims = store.claims("""
                (c.status = 'SUBMITTED' or (c.status = 'IN_REVIEW' and c.reviewer_id = :me)
                 or exists (select 1 from product_challenge ch where ch.claim_id = c.id and ch.status = 'OPEN'))
                order by c.submitted_at""", Map.of("me", me.id()));
        var challenges = store.challengesOf(claims.stream().map(Claim::id).toList());
        var out = new ArrayList<QueuedClaim>();
        for (Claim claim : claims) {
            if (!mayReview(me, claim)) {
                continue;
            }
            long open = challenges.getOrDefault(claim.id(), List.of()).stream()
                    .filter(c -> c.status() == Products.ChallengeStatus.OPEN)
                    .count();
            out.add(new QueuedClaim(claim, store.product(claim.productId()).orElseThrow(), open));
        }
        return out;
    }

    /** A claim for review; refused (404) to anyone who may not review it. */
    public ClaimReview claim(Actor me, UUID claimId) {
        requireReviewer(me);
        Claim claim = store.claim(claimId).orElseThrow(() -> Refusal.notFound("claim-unknown", "claim"));
        conflict(me, claim.enterpriseId()).ifPresent(code -> {
            throw Refusal.forbidden(code, "claim");
        });
        boolean mine = claim.status() == ClaimStatus.IN_REVIEW && isReviewerOf(me, claimId);
        return new ClaimReview(
                store.product(claim.productId()).orElseThrow(),
                claim,
                store.steps(claimId),
                store.challengesOf(List.of(claimId)).getOrDefault(claimId, List.of()),
                mine,
                Check.of(claim.kind()));
    }

    private boolean isReviewerOf(Actor me, UUID claimId) {
        return jdbc.sql("select reviewer_id from product_claim where id = :id")
                .param("id", claimId)
                .query(UUID.class)
                .optional()
                .filter(me.id()::equals)
                .isPresent();
    }

    /** Takes a submitted claim into review: it is the caller's to decide. */
    @Transactional
    public Claim take(Actor me, UUID claimId) {
        requireReviewer(me);
        Claim claim = store.lockClaim(claimId);
        conflict(me, claim.enterpriseId()).ifPresent(code -> {
            throw Refusal.forbidden(code, "claim");
        });
        if (claim.status() != ClaimStatus.SUBMITTED) {
            throw Refusal.conflict("claim-not-waiting", "claim");
        }
        UUID organisation = reviewingOrganisations(me).getFirst();
        jdbc.sql("""
                        update product_claim set status = 'IN_REVIEW', reviewer_id = :me, reviewer_organisation_id = :org,
                            updated_at = :at where id = :id""")
                .param("me", me.id())
                .param("org", organisation)
                .param("at", Timestamp.from(store.now()))
                .param("id", claimId)
                .update();
        store.step(claimId, me, organisation, claim.status(), ClaimStatus.IN_REVIEW, null, List.of());
        auditStep(me, claim, organisation, ClaimStatus.IN_REVIEW);
        return store.claim(claimId).orElseThrow();
    }

    /** Decides a claim the caller has in review. */
    @Transactional
    public Claim decide(Actor me, UUID claimId, Decision decision) {
        requireReviewer(me);
        Claim claim = store.lockClaim(claimId);
        conflict(me, claim.enterpriseId()).ifPresent(code -> {
            throw Refusal.forbidden(code, "claim");
        });
        if (claim.status() != ClaimStatus.IN_REVIEW || !isReviewerOf(me, claimId)) {
            throw Refusal.conflict("claim-not-in-your-review", "claim");
        }
        ClaimStatus to = status(decision.status());
        String reasons = decision.reasons() == null || decision.reasons().isBlank()
                ? null
                : decision.reasons().strip();
        List<String> checked = decision.checklist() == null ? List.of() : List.copyOf(decision.checklist());
        List<Check> checks = new ArrayList<>();
        for (String item : checked) {
            try {
                checks.add(Check.valueOf(item));
            } catch (IllegalArgumentException e) {
                throw Refusal.unacceptable("check-unknown", "checklist", item);
            }
        }
        if (to == ClaimStatus.VERIFIED && !checks.containsAll(Check.of(claim.kind()))) {
            throw Refusal.unacceptable("checklist-incomplete", "checklist");
        }
        if (to != ClaimStatus.VERIFIED && reasons == null) {
            throw Refusal.invalid("reasons-required", "reasons");
        }
        if (reasons != null && reasons.length() > 4000) {
            throw Refusal.unacceptable("text-too-long", "reasons", 4000);
        }
        Instant now = store.now();
        Instant expires = null;
        if (to == ClaimStatus.VERIFIED) {
            expires = now.plus(validity);
            if (claim.certificateExpiresOn() != null) {
                Instant certificateEnd = Products.endOfDay(claim.certificateExpiresOn());
                expires = certificateEnd.isBefore(expires) ? certificateEnd : expires;
            }
        }
        UUID organisation = Objects.requireNonNull(claim.reviewerOrganisationId());
        jdbc.sql("""
                        update product_claim set status = :to, verified_at = :verified, expires_at = :expires,
                            updated_at = :now where id = :id""")
                .param("to", to.name())
                .param("verified", to == ClaimStatus.VERIFIED ? Timestamp.from(now) : null)
                .param("expires", expires == null ? null : Timestamp.from(expires))
                .param("now", Timestamp.from(now))
                .param("id", claimId)
                .update();
        store.step(
                claimId,
                me,
                organisation,
                claim.status(),
                to,
                reasons,
                checks.stream().map(Check::name).toList());
        auditStep(me, claim, organisation, to);
        return store.claim(claimId).orElseThrow();
    }

    private static ClaimStatus status(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw Refusal.invalid("field-required", "status", "status");
        }
        try {
            ClaimStatus status = ClaimStatus.valueOf(text.strip());
            if (status.isDecision()) {
                return status;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw Refusal.unacceptable("decision-unknown", "status");
    }

    void auditStep(Actor me, Claim claim, UUID organisation, ClaimStatus to) {
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_CLAIM_REVIEWED,
                organisation,
                AuditLog.Target.PRODUCT_CLAIM,
                claim.id(),
                Map.of("gtin", claim.gtin(), "from", claim.status().name(), "to", to.name()));
    }
}
