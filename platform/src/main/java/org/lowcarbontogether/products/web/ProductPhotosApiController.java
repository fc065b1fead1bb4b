package org.lowcarbontogether.products.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.products.ProductPhotos;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Product photos through the API: public with the product, added and removed by its enterprise. */
@RestController
@Tag(name = "Green products")
class ProductPhotosApiController {

    private final ProductPhotos photos;
    private final Products products;

    ProductPhotosApiController(ProductPhotos photos, Products products) {
        this.photos = photos;
        this.products = products;
    }

    @GetMapping("/api/v1/products/{gtin}/photos/{id}")
    @Operation(summary = "A product photo (JPEG or PNG, at most 1,600 pixels a side, without metadata)")
    ResponseEntity<byte[]> photo(
            @AuthenticationPrincipal @Nullable AuthenticatedUser me, @PathVariable String gtin, @PathVariable UUID id) {
        return ProductPhotosController.image(photos.photo(me, gtin, id));
    }

    @GetMapping("/api/v1/products/{gtin}/photos")
    @Operation(summary = "A public product's photos, oldest first (its enterprise sees them before it is public)")
    List<ProductPhotos.Photo> list(@AuthenticationPrincipal @Nullable AuthenticatedUser me, @PathVariable String gtin) {
        return photos.of(visible(me, gtin));
    }

    /** The product's id when the caller may see it: public, or managed by the caller. */
    private UUID visible(@Nullable AuthenticatedUser me, String gtin) {
        if (me != null) {
            try {
                return products.manage(me, gtin).product().id();
            } catch (Refusal notTheirs) {
                // not the caller's product: it must be public
            }
        }
        return products.lookup(gtin).product().id();
    }

    @PostMapping(path = "/api/v1/products/{gtin}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Add a photo to a product of your enterprise (at most 4; JPEG or PNG, at most 5 MB)")
    ResponseEntity<ProductPhotos.Photo> add(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable String gtin,
            @RequestParam(name = "photo", required = false) @Nullable MultipartFile photo) {
        var added = photos.add(me, gtin, ProductPagesController.bytes(photo));
        return ResponseEntity.created(URI.create("/api/v1/products/" + gtin + "/photos/" + added.id()))
                .body(added);
    }

    @DeleteMapping("/api/v1/products/{gtin}/photos/{id}")
    @Operation(summary = "Remove a photo of a product of your enterprise")
    ResponseEntity<Void> remove(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable String gtin, @PathVariable UUID id) {
        photos.remove(me, gtin, id);
        return ResponseEntity.noContent().build();
    }
}
