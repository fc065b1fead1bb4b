package org.lowcarbontogether.products;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.shared.Role;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The programme office's overview of the registry per enterprise and category, and who may see it. */
@IntegrationTest
class ProductOfficeIntegrationTests extends OrganiserScenario {

    @Autowired
    Products products;

    @Autowired
    ProductReviews reviews;

    @Autowired
    ProductChallenges challenges;

    @Autowired
    ProductPurchases purchases;

    @Autowired
    RecordReview records;

    @Test
    void theOfficeSeesProductsReviewsChallengesAndCreditedPurchasesPerEnterpriseAndCategory() {
        var fixtures = new ProductFixtures(organisers, products, reviews);
        Org enterprise = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        // 0.4 kg of clothing at 12.5 kg CO2e/kg against the category's 22.31: 3.924 kg per item.
        var shirt = fixtures.product(enterprise, "CLOTHING", "0.4");
        var footprint = fixtures.verified(enterprise, ngo, shirt, ProductFixtures.footprint("12.5"));
        var paper = fixtures.product(enterprise, "PAPER_PRODUCTS", "1");
        products.submitClaim(enterprise.organiser().user(), paper.gtin(), ProductFixtures.footprint("1"));
        var label = products.submitClaim(
                enterprise.organiser().user(), paper.gtin(), ProductFixtures.label("CHINA_ENVIRONMENTAL_LABEL", null));
        reviews.take(ngo.organiser().user(), label.id());
        reviews.decide(
                ngo.organiser().user(), label.id(), new ProductReviews.Decision("DISPUTED", "证书已撤销。", List.of()));
        challenges.file(
                organisers.person().user(),
                footprint.id(),
                new ProductChallenges.Filing("系统边界不完整。", "https://example.org/evidence", null, null));

        Person buyer = organisers.person();
        OffsetDateTime at =
                OffsetDateTime.now(ZoneOffset.ofHours(8)).minusHours(1).withNano(0);
        var first = purchases.record(
                buyer.user(),
                UUID.randomUUID().toString(),
                new ProductPurchases.Purchase(
                        shirt.printedGtin(), BigDecimal.valueOf(2), at, ProductsIntegrationTests.JPEG));
        purchases.record(
                buyer.user(),
                UUID.randomUUID().toString(),
                new ProductPurchases.Purchase(
                        shirt.printedGtin(), BigDecimal.ONE, at.minusHours(1), ProductsIntegrationTests.JPEG));
        Person recordReviewer = organisers.person(Role.REVIEWER);
        records.approve(recordReviewer.user(), buyer.id(), first.record().id(), null);

        Person officer = organisers.person(Role.PROGRAMME_OFFICER);
        var answer = api.get("/api/v1/admin/products/overview", "Authorization", officer.bearer());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode mine = line(answer.json().get("enterprises"), enterprise.id().toString());
        JsonNode counts = mine.get("counts");
        assertThat(counts.get("products").asLong()).isEqualTo(2);
        assertThat(counts.get("verified").asLong()).isEqualTo(1);
        assertThat(counts.get("inReview").asLong()).isEqualTo(1);
        assertThat(counts.get("disputed").asLong()).isEqualTo(1);
        assertThat(counts.get("rejected").asLong()).isZero();
        assertThat(counts.get("challenges").asLong()).isEqualTo(1);
        assertThat(counts.get("openChallenges").asLong()).isEqualTo(1);
        assertThat(counts.get("purchases").asLong()).isEqualTo(2);
        assertThat(counts.get("creditedPurchases").asLong())
                .as("the second receipt still waits for a reviewer")
                .isEqualTo(1);
        assertThat(counts.get("creditedKg").decimalValue()).isEqualByComparingTo("7.848");

        JsonNode clothing = line(answer.json().get("categories"), "CLOTHING");
        assertThat(clothing.get("nameZh").asString()).isEqualTo("服装");
        assertThat(clothing.get("counts").get("creditedPurchases").asLong()).isPositive();
        assertThat(line(answer.json().get("categories"), "HOUSEHOLD_APPLIANCES"))
                .as("every category is listed, with products or not")
                .isNotNull();
        assertThat(answer.json().get("total").get("products").asLong()).isGreaterThanOrEqualTo(2);

        var member = api.get("/api/v1/admin/products/overview", "Authorization", buyer.bearer());
        assertThat(member.status()).isEqualTo(403);
        var ngoOrganiser = api.get(
                "/api/v1/admin/products/overview",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(ngoOrganiser.status()).isEqualTo(403);
    }

    static JsonNode line(JsonNode lines, String key) {
        for (JsonNode line : lines) {
            if (line.get("key").asString().equals(key)) {
                return line;
            }
        }
        throw new AssertionError("no line " + key + " in " + lines);
    }
}
