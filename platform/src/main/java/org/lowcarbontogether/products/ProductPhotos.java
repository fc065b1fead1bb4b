package org.lowcarbontogether.products;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.platform.Photos;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos of a product, added and removed by its enterprise's organisers: at most {@value #MAX_PHOTOS}, each checked and
 * re-encoded without metadata ({@link Photos}). The public sees them with the product once it is public (a reviewed
 * claim); before that, only the enterprise does.
 */
@Service
public class ProductPhotos {

    public static final int MAX_PHOTOS = 4;

    /** A photo as listed: its id and size in pixels. */
    public record Photo(UUID id, String contentType, int width, int height) {}

    private final JdbcClient jdbc;
    private final ProductStore store;
    private final Organisations organisations;
    private final AuditLog audit;
    private final Products products;

    ProductPhotos(JdbcClient jdbc, ProductStore store, Organisations organisations, AuditLog audit, Products products) {
        this.products = products;
        this.jdbc = jdbc;
        this.store = store;
        this.organisations = organisations;
        this.audit = audit;
    }

    /** A product's photos, oldest first. */
    public List<Photo> of(UUID productId) {
        return jdbc.sql("""
                        select id, content_type, width, height from product_photo
                        where product_id = :p order by added_at, id""")
                .param("p", productId)
                .query((rs, n) -> new Photo(
                        rs.getObject("id", UUID.class),
                        rs.getString("content_type"),
                        rs.getInt("width"),
                        rs.getInt("height")))
                .list();
    }

    /** Adds a photo to a product of the caller's enterprise (anyone else: unknown product). */
    @Transactional
    public Photo add(Actor me, String typedGtin, byte @Nullable [] upload) {
        Products.Product product = products.own(me, typedGtin);
        if (upload == null || upload.length == 0) {
            throw Refusal.invalid("photo-empty", "photo");
        }
        // One at a time per product, so two uploads cannot both take the last place.
        jdbc.sql("select id from product where id = :p for update")
                .param("p", product.id())
                .query(UUID.class)
                .single();
        if (of(product.id()).size() >= MAX_PHOTOS) {
            throw Refusal.unacceptable("photo-count", "photo", MAX_PHOTOS);
        }
        var photo = Photos.process(upload, "photo");
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into product_photo (id, product_id, content_type, width, height, content, sha256, added_at)
                        values (:id, :p, :type, :w, :h, :content, :sha, :at)""")
                .param("id", id)
                .param("p", product.id())
                .param("type", photo.contentType())
                .param("w", photo.width())
                .param("h", photo.height())
                .param("content", photo.bytes())
                .param("sha", photo.sha256())
                .param("at", Timestamp.from(store.now()))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_PHOTO_ADDED,
                product.enterpriseId(),
                AuditLog.Target.PRODUCT,
                product.id(),
                Map.of("gtin", product.gtin(), "photo", id.toString()));
        return new Photo(id, photo.contentType(), photo.width(), photo.height());
    }

    /** Removes a photo of a product of the caller's enterprise. */
    @Transactional
    public void remove(Actor me, String typedGtin, UUID photoId) {
        Products.Product product = products.own(me, typedGtin);
        int removed = jdbc.sql("delete from product_photo where id = :id and product_id = :p")
                .param("id", photoId)
                .param("p", product.id())
                .update();
        if (removed == 0) {
            throw Refusal.notFound("photo-unknown", "photo");
        }
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_PHOTO_REMOVED,
                product.enterpriseId(),
                AuditLog.Target.PRODUCT,
                product.id(),
                Map.of("gtin", product.gtin(), "photo", photoId.toString()));
    }

    /**
     * A photo's bytes: for anyone once the product is public, before that only for the enterprise's organisers (the
     * caller may be null: not signed in). Unknown otherwise.
     */
    public Products.Document photo(@Nullable Actor me, String typedGtin, UUID photoId) {
        String gtin = Gtin.parse(typedGtin, "gtin");
        Products.Product product =
                store.productByGtin(gtin).orElseThrow(() -> Refusal.notFound("photo-unknown", "photo"));
        boolean ownEnterprise = me != null && organisations.isOrganiser(me.id(), product.enterpriseId());
        boolean isPublic =
                store.claimsOf(product.id()).stream().anyMatch(c -> c.status().isPublic());
        if (!ownEnterprise && !isPublic) {
            throw Refusal.notFound("photo-unknown", "photo");
        }
        return jdbc.sql("select content_type, content from product_photo where id = :id and product_id = :p")
                .param("id", photoId)
                .param("p", product.id())
                .query((rs, n) ->
                        new Products.Document("photo-" + photoId, rs.getString("content_type"), rs.getBytes("content")))
                .optional()
                .orElseThrow(() -> Refusal.notFound("photo-unknown", "photo"));
    }
}
