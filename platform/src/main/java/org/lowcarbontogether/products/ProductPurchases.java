package org.lowcarbontogether.products;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.Photos;
import org.lowcarbontogether.products.Products.Claim;
import org.lowcarbontogether.products.Products.Comparison;
import org.lowcarbontogether.products.Products.Product;
import org.lowcarbontogether.recording.RecordReceipt;
import org.lowcarbontogether.recording.RecordSubmission;
import org.lowcarbontogether.recording.Recording;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product-based credits: the one way to record buying a certified green product (CERTIFIED_GREEN_PRODUCT). The figure
 * comes from the registry — the product's verified footprint disclosure against its category's baseline in the
 * methodology version in effect on the day of purchase, for one item, times the items bought — never from the buyer;
 * the record cites the product, the claim and the baseline's factor, source and version in its reference, and its evidence is the receipt photo kept here, so it waits for a
 * reviewer. An unknown product, a claim not verified (pending, expired, disputed, rejected), a category without a
 * baseline, or a disclosure not below the baseline credits nothing and says why.
 */
@Service
public class ProductPurchases {

    public static final String BEHAVIOUR = "CERTIFIED_GREEN_PRODUCT";

    /** A purchase to record: which product, how many items, when, with the receipt photo. */
    public record Purchase(
            @Nullable String gtin,
            @Nullable BigDecimal quantity,
            @Nullable OffsetDateTime purchasedAt,
            byte @Nullable [] receipt) {}

    /** What was recorded: the purchase, the comparison it was credited from, and the record's receipt. */
    public record Recorded(UUID purchaseId, String gtin, UUID claimId, Comparison comparison, RecordReceipt record) {}

    private final JdbcClient jdbc;
    private final ProductStore store;
    private final Products products;
    private final Recording recording;

    ProductPurchases(JdbcClient jdbc, ProductStore store, Products products, Recording recording) {
        this.jdbc = jdbc;
        this.store = store;
        this.products = products;
        this.recording = recording;
    }

    /** What one item of the product bought today would be credited from, or the refusal a purchase would get. */
    public Comparison creditBasis(@Nullable String typedGtin) {
        return creditBasis(typedGtin, ProgrammeCalendar.dayOf(store.now()));
    }

    /**
     * What one item of the product bought on {@code day} (programme calendar) would be credited from — the verified
     * disclosure against the category baseline of the methodology version in effect that day — or the refusal.
     */
    public Comparison creditBasis(@Nullable String typedGtin, LocalDate day) {
        return orderBasis(typedGtin, day).comparison();
    }

    /**
     * The basis of a purchase or a partner's order of the product on {@code day}, with the product and the verified claim
     * it rests on, or the refusal: the footprint difference comes from the registry, never from a buyer or a partner.
     */
    public OrderBasis orderBasis(@Nullable String typedGtin, LocalDate day) {
        String gtin = Gtin.parse(typedGtin, "gtin");
        Product product = store.productByGtin(gtin).orElseThrow(() -> Refusal.notFound("product-unknown", "gtin"));
        var footprints = store.claimsOf(product.id()).stream()
                .filter(c -> c.kind() == Products.Kind.FOOTPRINT)
                .toList();
        Claim verified = footprints.stream()
                .filter(c -> c.status() == ClaimStatus.VERIFIED)
                .reduce((a, b) -> b)
                .orElseThrow(() -> {
                    // Say why: the newest footprint claim's status, or that there is none.
                    String why = footprints.isEmpty()
                            ? "none"
                            : footprints.getLast().status().name();
                    return new Refusal(
                            Refusal.Kind.UNACCEPTABLE,
                            "product-not-verified",
                            java.util.List.of(Refusal.Violation.of("gtin", "product-not-verified")),
                            Map.of("footprintClaim", why),
                            Gtin.printed(gtin));
                });
        if (products.baseline(product.category(), day).isEmpty()) {
            throw products.noBaseline(product.category(), day);
        }
        Comparison comparison = products.comparison(product, day).orElseThrow();
        if (comparison.differencePerItemKg().signum() <= 0) {
            throw Refusal.unacceptable("product-not-below-baseline", "gtin");
        }
        return new OrderBasis(product.id(), Objects.requireNonNull(verified).id(), comparison);
    }

    /** Records a purchase for the caller, once per idempotency key. */
    @Transactional
    public Recorded record(Actor me, String idempotencyKey, Purchase purchase) {
        String gtin = Gtin.parse(purchase.gtin(), "gtin");
        if (purchase.quantity() == null) {
            throw Refusal.invalid("field-required", "quantity", "quantity");
        }
        if (purchase.purchasedAt() == null) {
            throw Refusal.invalid("field-required", "purchasedAt", "purchasedAt");
        }
        var basis =
                orderBasis(gtin, ProgrammeCalendar.dayOf(purchase.purchasedAt().toInstant()));
        Comparison comparison = basis.comparison();
        // Re-encoded, so a phone photo's metadata (its GPS position, the device) is never kept.
        if (purchase.receipt() == null || purchase.receipt().length == 0) {
            throw Refusal.invalid("document-required", "receipt");
        }
        var photo = Photos.process(purchase.receipt(), "receipt");
        // The same key names the same purchase, so a replay cites the same reference.
        UUID purchaseId = UUID.nameUUIDFromBytes(
                (me.id() + "/" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var submission = new RecordSubmission(
                BEHAVIOUR,
                purchase.quantity(),
                "item",
                purchase.purchasedAt(),
                null,
                null,
                Map.of("footprintDifferenceKg", comparison.differencePerItemKg()),
                null,
                "product:" + gtin + ":claim:" + basis.claimId() + ":baseline:" + comparison.factorId() + ":"
                        + comparison.sourceId() + ":" + comparison.methodologyVersion() + ":" + purchaseId);
        var outcome = recording.submitProductPurchase(me.id(), idempotencyKey, submission);
        RecordReceipt receipt = outcome.receipt();
        if (!outcome.replayed()) {
            jdbc.sql("""
                            insert into product_purchase (id, user_id, product_id, claim_id, record_id, receipt_type,
                                receipt, created_at)
                            values (:id, :me, :product, :claim, :record, :type, :receipt, :at)""")
                    .param("id", purchaseId)
                    .param("me", me.id())
                    .param("product", basis.productId())
                    .param("claim", basis.claimId())
                    .param("record", receipt.id())
                    .param("type", photo.contentType())
                    .param("receipt", photo.bytes())
                    .param("at", Timestamp.from(store.now()))
                    .update();
        }
        return new Recorded(purchaseId, gtin, basis.claimId(), comparison, receipt);
    }

    /** What a purchase or a partner's order of a product is credited from: the comparison and the verified claim it rests on. */
    public record OrderBasis(UUID productId, UUID claimId, Comparison comparison) {}

    /** A partner's order that was recorded: for whom, of what, its record and the partner's reference. */
    public record PartnerOrder(
            UUID userId, UUID productId, UUID claimId, UUID recordId, UUID partnerId, String reference) {}

    /**
     * Keeps partners' recorded orders beside receipt purchases, so the office's figures per enterprise and category
     * count them; an order kept before (a replay) is kept once.
     */
    @Transactional
    public void partnerOrders(List<PartnerOrder> orders) {
        if (orders.isEmpty()) {
            return;
        }
        var now = Timestamp.from(store.now());
        jdbc.sql("""
                        insert into product_purchase (id, user_id, product_id, claim_id, record_id, partner_id,
                            partner_reference, created_at)
                        select gen_random_uuid(), o.u, o.p, o.c, o.r, o.partner, o.ref, :at
                        from unnest(:users, :products, :claims, :records, :partners, :refs) as o(u, p, c, r, partner, ref)
                        on conflict (partner_id, partner_reference) where partner_id is not null do nothing""")
                .param(
                        "users",
                        new SqlArrayValue(
                                "uuid",
                                orders.stream().map(PartnerOrder::userId).toArray()))
                .param(
                        "products",
                        new SqlArrayValue(
                                "uuid",
                                orders.stream().map(PartnerOrder::productId).toArray()))
                .param(
                        "claims",
                        new SqlArrayValue(
                                "uuid",
                                orders.stream().map(PartnerOrder::claimId).toArray()))
                .param(
                        "records",
                        new SqlArrayValue(
                                "uuid",
                                orders.stream().map(PartnerOrder::recordId).toArray()))
                .param(
                        "partners",
                        new SqlArrayValue(
                                "uuid",
                                orders.stream().map(PartnerOrder::partnerId).toArray()))
                .param(
                        "refs",
                        new SqlArrayValue(
                                "text",
                                orders.stream().map(PartnerOrder::reference).toArray()))
                .param("at", now)
                .update();
    }
}
