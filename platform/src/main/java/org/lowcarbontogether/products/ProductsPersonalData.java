package org.lowcarbontogether.products;

import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.platform.PersonalData;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the product registry holds about people: what they did for an enterprise (products registered, claims and
 * documents submitted) or as a reviewer (steps, conflicts declared, challenges answered) or for the office
 * (accreditations) — kept under the account's id, as acts for an organisation; the challenges they filed — kept public
 * without who filed them; and their product purchases with the receipt photos — deleted (the records stay recording's).
 */
@Component
class ProductsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    ProductsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Holding> holdings() {
        return List.of(
                Holding.of("product", "products-registered", Treatment.KEPT, "created_by"),
                Holding.of("product_claim", "product-claims-submitted", Treatment.KEPT, "submitted_by"),
                Holding.of("product_claim", "product-claims-reviewed", Treatment.KEPT, "reviewer_id"),
                Holding.of("product_evidence", "product-documents", Treatment.KEPT, "uploaded_by"),
                Holding.of("product_review_step", "product-review-steps", Treatment.KEPT, "actor_id"),
                Holding.of("product_review_accreditation", "product-accreditations", Treatment.KEPT, "accredited_by"),
                Holding.of("product_review_conflict", "product-conflicts", Treatment.KEPT, "reviewer_id"),
                Holding.of("product_challenge", "product-challenges", Treatment.CLEARED, "filed_by"),
                Holding.of("product_challenge", "product-challenge-answers", Treatment.KEPT, "answered_by"),
                Holding.of("product_purchase", "product-purchases", Treatment.DELETED, "user_id"));
    }

    @Override
    public void export(UUID person, Export export) {
        export.kind("products-registered", PersonalData.query(jdbc, """
                        select id, gtin, enterprise_id, name, brand, category, created_at
                        from product where created_by = :person order by created_at""", person));
        export.kind("product-claims-submitted", PersonalData.query(jdbc, """
                        select c.id, p.gtin, c.kind, c.status, c.submitted_at
                        from product_claim c join product p on p.id = c.product_id
                        where c.submitted_by = :person order by c.submitted_at""", person));
        export.kind("product-claims-reviewed", PersonalData.query(jdbc, """
                        select c.id, p.gtin, c.kind, c.status, c.verified_at
                        from product_claim c join product p on p.id = c.product_id
                        where c.reviewer_id = :person order by c.submitted_at""", person));
        export.kind("product-documents", PersonalData.query(jdbc, """
                        select id, claim_id, file_name, content_type, uploaded_at
                        from product_evidence where uploaded_by = :person order by uploaded_at""", person));
        export.kind("product-review-steps", PersonalData.query(jdbc, """
                        select claim_id, at, from_status, to_status, reasons, checklist
                        from product_review_step where actor_id = :person order by id""", person));
        export.kind("product-accreditations", PersonalData.query(jdbc, """
                        select organisation_id, accredited_at from product_review_accreditation
                        where accredited_by = :person order by accredited_at""", person));
        export.kind("product-conflicts", PersonalData.query(jdbc, """
                        select enterprise_id, reason, declared_at from product_review_conflict
                        where reviewer_id = :person order by declared_at""", person));
        export.kind("product-challenges", PersonalData.query(jdbc, """
                        select id, claim_id, filed_at, statement, evidence_url, document_name, status, answer, answered_at
                        from product_challenge where filed_by = :person order by filed_at""", person));
        export.kind("product-challenge-answers", PersonalData.query(jdbc, """
                        select id, claim_id, status, answer, answered_at from product_challenge
                        where answered_by = :person order by answered_at""", person));
        export.kind("product-purchases", PersonalData.query(jdbc, """
                        select pu.id, p.gtin, pu.claim_id, pu.record_id, pu.partner_reference, pu.created_at
                        from product_purchase pu join product p on p.id = pu.product_id
                        where pu.user_id = :person order by pu.created_at""", person));
        jdbc.sql("""
                        select id, receipt_type, receipt from product_purchase
                        where user_id = :person and receipt is not null order by created_at""").withFetchSize(20).param("person", person).query((RowCallbackHandler) rs -> export.file(
                "receipts/" + rs.getObject("id", UUID.class) + extension(rs.getString("receipt_type")),
                rs.getBytes("receipt")));
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            default -> ".jpg";
        };
    }

    @Override
    public void erase(Erasure erasure) {
        // The challenge stays public with its outcome; who filed it is forgotten.
        jdbc.sql("update product_challenge set filed_by = null where filed_by = :person")
                .param("person", erasure.person())
                .update();
        jdbc.sql("delete from product_purchase where user_id = :person")
                .param("person", erasure.person())
                .update();
    }
}
