package org.lowcarbontogether.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Product photos: only the product's enterprise adds or removes them, at most four, kept re-encoded without metadata,
 * and nobody else sees them before the product is public.
 */
@IntegrationTest
class ProductPhotosIntegrationTests extends OrganiserScenario {

    @Autowired
    Products products;

    @Autowired
    ProductReviews reviews;

    @Autowired
    ProductPhotos photos;

    ProductFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProductFixtures(organisers, products, reviews);
    }

    @Test
    void onlyTheEnterpriseAddsPhotosAndTheyArePublicOnlyWithTheProduct() {
        Org enterprise = fixtures.enterprise();
        Org other = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        var shirt = fixtures.product(enterprise, "CLOTHING", "0.4");
        String gtin = shirt.printedGtin();

        var added = upload(enterprise.organiser().bearer(), gtin, ProductsIntegrationTests.JPEG);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String photo = added.json().get("id").asString();
        String path = "/api/v1/products/" + gtin + "/photos/" + photo;

        assertThat(api.get(path).status())
                .as("not public before a claim is reviewed")
                .isEqualTo(404);
        assertThat(api.get(path, "Authorization", other.organiser().bearer()).status())
                .isEqualTo(404);
        var own = api.get(path, "Authorization", enterprise.organiser().bearer());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(own.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(own.body()).as("kept without the phone's Exif block").doesNotContain("GPSLatitude");

        assertThat(upload(other.organiser().bearer(), gtin, ProductsIntegrationTests.JPEG)
                        .status())
                .as("another enterprise is told the product is unknown")
                .isEqualTo(404);
        var notPhoto = upload(enterprise.organiser().bearer(), gtin, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        assertThat(notPhoto.status()).isEqualTo(422);
        assertThat(notPhoto.json().get("type").asString()).endsWith("photo-type");

        for (int i = 1; i < ProductPhotos.MAX_PHOTOS; i++) {
            photos.add(enterprise.organiser().user(), gtin, ProductsIntegrationTests.JPEG);
        }
        assertThatThrownBy(() -> photos.add(enterprise.organiser().user(), gtin, ProductsIntegrationTests.JPEG))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("photo-count"));

        fixtures.verified(enterprise, ngo, shirt, ProductFixtures.footprint("12.5"));
        assertThat(api.get(path).status()).as("public with the product").isEqualTo(200);
        var listed = api.get("/api/v1/products/" + gtin + "/photos");
        assertThat(listed.json().size()).isEqualTo(ProductPhotos.MAX_PHOTOS);
        assertThat(api.get("/products/" + gtin).body()).contains("/products/" + gtin + "/photos/" + photo);

        assertThat(api.delete(path, "Authorization", other.organiser().bearer()).status())
                .isEqualTo(404);
        assertThat(api.delete(path, "Authorization", enterprise.organiser().bearer())
                        .status())
                .isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where action = 'product-photo-removed' and target_id = :p")
                        .param("p", shirt.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private ApiClient.Response upload(String bearer, String gtin, byte[] content) {
        String boundary = "----photo" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return api.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/products/" + gtin + "/photos"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary),
                "Authorization",
                bearer);
    }
}
