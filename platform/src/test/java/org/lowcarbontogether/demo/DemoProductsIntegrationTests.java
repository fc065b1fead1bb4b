package org.lowcarbontogether.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.products.ClaimStatus;
import org.lowcarbontogether.products.Products;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo's green products load through the module's services: thirty products in four categories, claims in every
 * stored status, and one open challenge.
 */
@IntegrationTest
class DemoProductsIntegrationTests extends OrganiserScenario {

    @Autowired
    DemoProducts demo;

    @Autowired
    Products products;

    @Autowired
    Registration accounts;

    @Test
    void theDemoEnterprisesProductsAreReviewedAndOneIsChallenged() {
        if (!accounts.isRegistered(DemoProducts.ENTERPRISE_EMAIL)) {
            var ngo = organisations.create("Demo reviewing NGO", Organisations.Kind.NGO);
            demo.create(ngo, organisers.person().id());
        }
        var oat = products.search("Oat drink");
        assertThat(oat).isNotEmpty();
        var view = products.lookup(oat.getFirst().gtin());
        assertThat(view.claims().getFirst().claim().status()).isEqualTo(ClaimStatus.VERIFIED);
        assertThat(view.claims().getFirst().challenges())
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(Products.ChallengeStatus.OPEN));
        var towels =
                products.lookup(products.search("kitchen towels").getFirst().gtin());
        assertThat(towels.claims().getFirst().claim().status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(products.search("noodles")).as("rejected: never public").isEmpty();
        assertThat(products.search("tea")).as("waiting: never public").isEmpty();
        var shirt = products.search("Organic cotton T-shirt").stream()
                .filter(p -> p.enterprise().equals("Lvse Apparel Co."))
                .findFirst()
                .orElseThrow();
        assertThat(products.lookup(shirt.gtin()).claims())
                .as("its footprint and its Ten Rings label")
                .hasSize(2);

        var owner = accounts.actor(DemoProducts.ENTERPRISE_EMAIL).orElseThrow();
        assertThat(jdbc.sql("select count(*) from product where created_by = :owner")
                        .param("owner", owner.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(30);
        assertThat(jdbc.sql("select distinct category from product where created_by = :owner")
                        .param("owner", owner.id())
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("CLOTHING", "PAPER_PRODUCTS", "FOOD_AND_DRINK", "HOUSEHOLD_APPLIANCES");
        assertThat(jdbc.sql("""
                                select distinct c.status from product_claim c join product p on p.id = c.product_id
                                where p.created_by = :owner""").param("owner", owner.id()).query(String.class).list())
                .containsExactlyInAnyOrder(
                        "SUBMITTED", "IN_REVIEW", "VERIFIED", "NEEDS_CHANGES", "DISPUTED", "REJECTED");
        assertThat(jdbc.sql("""
                                select count(*) from product_challenge ch join product_claim c on c.id = ch.claim_id
                                    join product p on p.id = c.product_id
                                where p.created_by = :owner and ch.status = 'OPEN'""").param("owner", owner.id()).query(Long.class).single())
                .isOne();
    }
}
