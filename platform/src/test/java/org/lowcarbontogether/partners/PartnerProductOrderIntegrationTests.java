package org.lowcarbontogether.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lowcarbontogether.ApiClient.bearer;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.ApiClient;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers;
import org.lowcarbontogether.products.ProductFixtures;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner's order of a registered green product (issue 19: "evidence is … a partner's order"): credited
 * partner-verified from the registry's verified disclosure against the category baseline — never from a difference the
 * partner states — refused like a buyer's purchase for an unverified product, and kept beside receipt purchases.
 */
@IntegrationTest
class PartnerProductOrderIntegrationTests extends PartnerScenario {

    @Autowired
    Products products;

    @Autowired
    ProductReviews reviews;

    @Test
    void anOrderIsCreditedFromTheRegistryAndKeptWithTheProductsPurchases() {
        api = new ApiClient(port);
        officer = org.lowcarbontogether.account.AccountFixtures.person(
                registration, jdbc, org.lowcarbontogether.shared.Role.PROGRAMME_OFFICER);
        var organisation = organisations.create("Green Mall " + UUID.randomUUID(), Organisations.Kind.INTERNET_PARTNER);
        partner = partners.onboard(
                officer,
                new Partners.Onboarding(
                        organisation.id(),
                        "Green Mall",
                        "绿色商城",
                        List.of("CERTIFIED_GREEN_PRODUCT"),
                        List.of(new Partners.Scenario(
                                "orders", "Green product orders", "绿色产品订单", List.of("CERTIFIED_GREEN_PRODUCT"))),
                        List.of(PartnerFixtures.REDIRECT)));
        live = partners.issueCredentials(officer, partner.id(), Partners.Mode.LIVE);
        AuthenticatedUser buyer = person();
        String subject = linked(buyer, "orders");
        String token = PartnerFixtures.accessToken(api, live, "activities.write");

        var fixtures = new ProductFixtures(new Organisers(registration, organisations, jdbc, api), products, reviews);
        var enterprise = fixtures.enterprise();
        var ngo = fixtures.reviewingNgo();
        // 0.4 kg of clothing at 12.5 kg CO2e/kg against the methodology's 22.31 kg CO2e/kg: 3.924 kg less per item.
        var shirt = fixtures.product(enterprise, "CLOTHING", "0.4");
        var unverified = fixtures.product(enterprise, "CLOTHING", "0.4");
        fixtures.verified(enterprise, ngo, shirt, ProductFixtures.footprint("12.5"));
        products.submitClaim(enterprise.organiser().user(), unverified.gtin(), ProductFixtures.footprint("10"));

        String reference = "mall-" + UUID.randomUUID();
        var credited = send(token, order(subject, reference, shirt.printedGtin(), ""));
        assertThat(credited.status()).as(credited.body()).isEqualTo(201);
        assertThat(credited.json().get("outcome").asString()).isEqualTo("CREDITED");
        assertThat(credited.json().get("reductionGrams").asLong()).isEqualTo(2 * 3924);
        UUID record = UUID.fromString(credited.json().get("recordId").asString());
        assertThat(jdbc.sql("select evidence from ledger_entry where record_id = :r")
                        .param("r", record)
                        .query(String.class)
                        .list())
                .containsOnly("PARTNER_VERIFIED");
        assertThat(send(token, order(subject, reference, shirt.printedGtin(), ""))
                        .json()
                        .get("replayed")
                        .asBoolean())
                .isTrue();
        assertThat(jdbc.sql("""
                        select count(*) from product_purchase
                        where partner_id = :p and partner_reference = :ref and record_id = :r and receipt is null""")
                        .param("p", partner.id())
                        .param("ref", reference)
                        .param("r", record)
                        .query(Long.class)
                        .single())
                .as("kept once beside receipt purchases, for the office's figures")
                .isEqualTo(1);

        var stated = send(
                token,
                order(
                        subject,
                        "mall-" + UUID.randomUUID(),
                        shirt.printedGtin(),
                        ",\"parameters\":{\"footprintDifferenceKg\":50}"));
        assertThat(stated.status()).isEqualTo(422);
        assertThat(stated.json().get("type").asString()).endsWith("footprint-from-registry");

        var notVerified = send(token, order(subject, "mall-" + UUID.randomUUID(), unverified.printedGtin(), ""));
        assertThat(notVerified.status()).isEqualTo(422);
        assertThat(notVerified.json().get("type").asString()).endsWith("product-not-verified");

        var noGtin = send(token, """
                {"subject":"%s","scenario":"orders","behaviour":"CERTIFIED_GREEN_PRODUCT","quantity":1,"unit":"item",
                 "occurredAt":"%s","reference":"mall-%s"}""".formatted(subject, PartnerFixtures.at(1), UUID.randomUUID()));
        assertThat(noGtin.status()).isEqualTo(400);
        assertThat(noGtin.json().get("errors").findValuesAsString("field")).contains("gtin");
    }

    private static String order(String subject, String reference, String gtin, String extra) {
        return """
                {"subject":"%s","scenario":"orders","behaviour":"CERTIFIED_GREEN_PRODUCT","quantity":2,"unit":"item",
                 "occurredAt":"%s","reference":"%s","gtin":"%s"%s}""".formatted(subject, PartnerFixtures.at(1), reference, gtin, extra);
    }

    private ApiClient.Response send(String token, String json) {
        return api.post("/api/v1/partner/activities", json, "Authorization", bearer(token));
    }
}
