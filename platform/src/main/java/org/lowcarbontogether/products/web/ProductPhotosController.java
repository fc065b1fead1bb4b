package org.lowcarbontogether.products.web;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.products.ProductPhotos;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Product photos on pages: shown to anyone once the product is public (to its enterprise before), added and removed by
 * the enterprise on its product page. The API's are {@link ProductPhotosApiController}.
 */
@Controller
class ProductPhotosController {

    private final ProductPhotos photos;
    private final ProblemWriter problems;

    ProductPhotosController(ProductPhotos photos, ProblemWriter problems) {
        this.photos = photos;
        this.problems = problems;
    }

    @GetMapping("/products/{gtin}/photos/{id}")
    @ResponseBody
    ResponseEntity<byte[]> photo(
            @AuthenticationPrincipal @Nullable AuthenticatedUser me, @PathVariable String gtin, @PathVariable UUID id) {
        return image(photos.photo(me, gtin, id));
    }

    /** A photo as an image: its checked type, never sniffed; it never changes under its id, a removed one is gone within the hour. */
    static ResponseEntity<byte[]> image(Products.Document photo) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .header("X-Content-Type-Options", "nosniff")
                .body(photo.content());
    }

    @PostMapping("/enterprise/products/{gtin}/photos")
    String addOnPage(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable String gtin,
            @RequestParam(name = "photo", required = false) @Nullable MultipartFile photo,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            photos.add(me, gtin, ProductPagesController.bytes(photo));
            return "redirect:/enterprise/products/" + gtin + "?photoAdded#photos";
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            redirect.addFlashAttribute("photoError", problems.describe(refusal, locale));
            return "redirect:/enterprise/products/" + gtin + "#photos";
        }
    }

    @PostMapping("/enterprise/products/{gtin}/photos/{id}/delete")
    String removeOnPage(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable String gtin, @PathVariable UUID id) {
        photos.remove(me, gtin, id);
        return "redirect:/enterprise/products/" + gtin + "?photoRemoved#photos";
    }
}
