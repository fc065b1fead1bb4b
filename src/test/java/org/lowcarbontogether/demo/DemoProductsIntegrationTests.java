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

/** The demo's green products load through the module's services: verified, disputed and challenged claims. */
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
    }
}
