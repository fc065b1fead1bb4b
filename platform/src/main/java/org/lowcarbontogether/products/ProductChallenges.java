package org.lowcarbontogether.products;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.products.Products.Challenge;
import org.lowcarbontogether.products.Products.ChallengeStatus;
import org.lowcarbontogether.products.Products.Claim;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Public challenges of reviewed claims. Anyone signed in files one against a public claim with a statement and evidence
 * (a link, a document, or both); the reviewing organisation must answer within {@code lct.products.challenge-answer}
 * (an open challenge past it shows as overdue on the product's page). Upholding it disputes the claim (a step in its
 * history); dismissing it keeps the claim. Challenges and their outcomes are public; who filed them is not.
 */
@Service
public class ProductChallenges {

    /** A challenge to file. */
    public record Filing(
            @Nullable String statement,
            @Nullable String evidenceUrl,
            @Nullable String documentName,
            byte @Nullable [] document) {}

    /** An answer: UPHELD or DISMISSED, with its reasons. */
    public record Answer(@Nullable String outcome, @Nullable String answer) {}

    private final JdbcClient jdbc;
    private final ProductStore store;
    private final ProductReviews reviews;
    private final AuditLog audit;
    private final Duration answerWithin;

    ProductChallenges(
            JdbcClient jdbc,
            ProductStore store,
            ProductReviews reviews,
            AuditLog audit,
            @Value("${lct.products.challenge-answer:P14D}") Duration answerWithin) {
        this.jdbc = jdbc;
        this.store = store;
        this.reviews = reviews;
        this.audit = audit;
        this.answerWithin = answerWithin;
    }

    public Duration answerWithin() {
        return answerWithin;
    }

    @Transactional
    public Challenge file(Actor me, UUID claimId, Filing filing) {
        Claim claim = store.claim(claimId)
                .filter(c -> c.status().isPublic())
                .orElseThrow(() -> Refusal.notFound("claim-unknown", "claim"));
        String statement = filing.statement() == null ? "" : filing.statement().strip();
        if (statement.isEmpty()) {
            throw Refusal.invalid("field-required", "statement", "statement");
        }
        if (statement.length() > 4000) {
            throw Refusal.unacceptable("text-too-long", "statement", 4000);
        }
        String url = filing.evidenceUrl() == null || filing.evidenceUrl().isBlank()
                ? null
                : filing.evidenceUrl().strip();
        if (url != null && !web(url)) {
            throw Refusal.unacceptable("evidence-url-invalid", "evidenceUrl");
        }
        boolean hasDocument = filing.document() != null && filing.document().length > 0;
        String type = hasDocument ? Documents.check(filing.document(), "document") : null;
        if (url == null && !hasDocument) {
            throw Refusal.invalid("challenge-evidence-required", "evidenceUrl");
        }
        UUID id = UUID.randomUUID();
        Instant now = store.now();
        String name = filing.documentName() == null || filing.documentName().isBlank()
                ? "document"
                : filing.documentName()
                        .strip()
                        .substring(
                                0, Math.min(120, filing.documentName().strip().length()));
        jdbc.sql("""
                        insert into product_challenge (id, claim_id, filed_by, filed_at, statement, evidence_url,
                            document_name, document_type, document, due_at, status)
                        values (:id, :claim, :me, :now, :statement, :url, :name, :type, :document, :due, 'OPEN')""")
                .param("id", id)
                .param("claim", claimId)
                .param("me", me.id())
                .param("now", Timestamp.from(now))
                .param("statement", statement)
                .param("url", url)
                .param("name", hasDocument ? name : null)
                .param("type", type)
                .param("document", hasDocument ? filing.document() : null)
                .param("due", Timestamp.from(now.plus(answerWithin)))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_CHALLENGE_FILED,
                claim.enterpriseId(),
                AuditLog.Target.PRODUCT_CHALLENGE,
                id,
                Map.of("claim", claimId.toString(), "gtin", claim.gtin()));
        return one(id);
    }

    private static boolean web(String url) {
        try {
            var uri = URI.create(url);
            return (Objects.equals(uri.getScheme(), "https") || Objects.equals(uri.getScheme(), "http"))
                    && uri.getHost() != null
                    && url.length() <= 500;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Challenge one(UUID id) {
        return store.challenges("id = :id", Map.of("id", id)).getFirst();
    }

    /** Answers an open challenge: by a reviewer of the organisation that reviewed the claim, free of conflict. */
    @Transactional
    public Challenge answer(Actor me, UUID challengeId, Answer answer) {
        var challenge = store.challenges("id = :id for update", Map.of("id", challengeId)).stream()
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("challenge-unknown", "challenge"));
        Claim claim = store.lockClaim(challenge.claimId());
        var conflict = reviews.conflict(me, claim.enterpriseId());
        if (conflict.isPresent()) {
            throw Refusal.forbidden(conflict.get(), "challenge");
        }
        UUID organisation = claim.reviewerOrganisationId();
        if (organisation == null || !reviews.reviewingOrganisations(me).contains(organisation)) {
            throw Refusal.forbidden("not-claim-reviewer", "challenge");
        }
        if (challenge.status() != ChallengeStatus.OPEN) {
            throw Refusal.conflict("challenge-answered", "challenge");
        }
        ChallengeStatus outcome;
        try {
            outcome = ChallengeStatus.valueOf(
                    answer.outcome() == null ? "" : answer.outcome().strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.unacceptable("challenge-outcome-unknown", "outcome");
        }
        if (outcome == ChallengeStatus.OPEN) {
            throw Refusal.unacceptable("challenge-outcome-unknown", "outcome");
        }
        String text = answer.answer() == null ? "" : answer.answer().strip();
        if (text.isEmpty()) {
            throw Refusal.invalid("field-required", "answer", "answer");
        }
        if (text.length() > 4000) {
            throw Refusal.unacceptable("text-too-long", "answer", 4000);
        }
        Instant now = store.now();
        jdbc.sql("""
                        update product_challenge set status = :status, answer = :answer, answered_by = :me,
                            answered_at = :now where id = :id""")
                .param("status", outcome.name())
                .param("answer", text)
                .param("me", me.id())
                .param("now", Timestamp.from(now))
                .param("id", challengeId)
                .update();
        if (outcome == ChallengeStatus.UPHELD && claim.status() != ClaimStatus.DISPUTED) {
            jdbc.sql("update product_claim set status = 'DISPUTED', updated_at = :now where id = :id")
                    .param("now", Timestamp.from(now))
                    .param("id", claim.id())
                    .update();
            store.step(claim.id(), me, organisation, claim.status(), ClaimStatus.DISPUTED, text, List.of());
            reviews.auditStep(me, claim, organisation, ClaimStatus.DISPUTED);
        }
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_CHALLENGE_ANSWERED,
                organisation,
                AuditLog.Target.PRODUCT_CHALLENGE,
                challengeId,
                Map.of("outcome", outcome.name(), "gtin", claim.gtin()));
        return one(challengeId);
    }

    /**
     * A challenge's document, for the reviewers who may answer it and the person who filed it (it may show what they
     * bought; the statement and link are public).
     */
    public Products.Document document(Actor me, UUID challengeId) {
        var challenge = store.challenges("id = :id", Map.of("id", challengeId)).stream()
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("document-unknown", "document"));
        Claim claim = store.claim(challenge.claimId()).orElseThrow();
        boolean filer = jdbc.sql("select coalesce(filed_by = :me, false) from product_challenge where id = :id")
                .param("me", me.id())
                .param("id", challengeId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (!filer && !reviews.mayReview(me, claim)) {
            throw Refusal.notFound("document-unknown", "document");
        }
        return jdbc.sql("""
                        select document_name, document_type, document from product_challenge
                        where id = :id and document is not null""")
                .param("id", challengeId)
                .query((rs, row) -> new Products.Document(
                        rs.getString("document_name"), rs.getString("document_type"), rs.getBytes("document")))
                .optional()
                .orElseThrow(() -> Refusal.notFound("document-unknown", "document"));
    }
}
