package org.lowcarbontogether.demo;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Organisations.MemberRole;
import org.lowcarbontogether.account.Organisations.Organisation;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.products.Gtin;
import org.lowcarbontogether.products.ProductChallenges;
import org.lowcarbontogether.products.ProductReviews;
import org.lowcarbontogether.products.Products;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Role;
import org.springframework.stereotype.Component;

/**
 * The demo's green products: two enterprises organised by one demo account, an NGO the programme office accredited for
 * product review with one reviewer, products in four categories with claims verified, in review, sent back, disputed
 * and rejected, and one open public challenge — all through the module's services, as real users would.
 */
@Component
class DemoProducts {

    static final String ENTERPRISE_EMAIL = "enterprise@" + DemoData.DOMAIN;
    static final String PRODUCT_REVIEWER_EMAIL = "product-reviewer@" + DemoData.DOMAIN;
    static final String PRODUCT_OFFICE_EMAIL = "product-office@" + DemoData.DOMAIN;

    private final Registration registration;
    private final Organisations organisations;
    private final Products products;
    private final ProductReviews reviews;
    private final ProductChallenges challenges;

    DemoProducts(
            Registration registration,
            Organisations organisations,
            Products products,
            ProductReviews reviews,
            ProductChallenges challenges) {
        this.registration = registration;
        this.organisations = organisations;
        this.products = products;
        this.reviews = reviews;
        this.challenges = challenges;
    }

    private record Item(
            String name,
            String brand,
            String category,
            String kgPerItem,
            @Nullable String footprint,
            String outcome) {}

    void create(Organisation ngo, UUID challenger) {
        registration.register(
                new Registration.SignUp(
                        PRODUCT_OFFICE_EMAIL, "Sun Hui (programme office, products)", DemoData.PASSWORD),
                EnumSet.of(Role.PARTICIPANT, Role.PROGRAMME_OFFICER));
        registration.register(
                new Registration.SignUp(ENTERPRISE_EMAIL, "Liu Yang (enterprise)", DemoData.PASSWORD),
                EnumSet.of(Role.PARTICIPANT, Role.ORGANISER));
        registration.register(
                new Registration.SignUp(PRODUCT_REVIEWER_EMAIL, "He Ping (product reviewer)", DemoData.PASSWORD),
                EnumSet.of(Role.PARTICIPANT, Role.PRODUCT_REVIEWER));
        Actor office = registration.actor(PRODUCT_OFFICE_EMAIL).orElseThrow();
        Actor owner = registration.actor(ENTERPRISE_EMAIL).orElseThrow();
        Actor reviewer = registration.actor(PRODUCT_REVIEWER_EMAIL).orElseThrow();
        organisations.addMember(ngo.id(), reviewer.id(), MemberRole.MEMBER);
        reviews.accredit(office, ngo.id());

        var apparel = organisations.create("Lvse Apparel Co.", Organisations.Kind.ENTERPRISE);
        var pantry = organisations.create("Qingshan Paper & Foods", Organisations.Kind.ENTERPRISE);
        organisations.addMember(apparel.id(), owner.id(), MemberRole.ORGANISER);
        organisations.addMember(pantry.id(), owner.id(), MemberRole.ORGANISER);

        int n = 0;
        UUID disputedLater = null;
        for (Item item : List.of(
                new Item("Organic cotton T-shirt", "Lvse", "CLOTHING", "0.2", "9.8", "VERIFIED"),
                new Item("Recycled polyester jacket", "Lvse", "CLOTHING", "0.8", "14.2", "VERIFIED"),
                new Item("Hemp trousers", "Lvse", "CLOTHING", "0.6", "11", "IN_REVIEW"),
                new Item("Bamboo socks (3 pairs)", "Lvse", "CLOTHING", "0.15", "18", "NEEDS_CHANGES"),
                new Item("Recycled A4 copy paper, 500 sheets", "Qingshan", "PAPER_PRODUCTS", "2.5", "0.72", "VERIFIED"),
                new Item("Unbleached kitchen towels", "Qingshan", "PAPER_PRODUCTS", "0.4", "1.1", "DISPUTED"),
                new Item("Oat drink 1 L", "Qingshan", "FOOD_AND_DRINK", "1.03", "0.45", "VERIFIED"),
                new Item("Shade-grown tea 250 g", "Qingshan", "FOOD_AND_DRINK", "0.25", "2.9", "SUBMITTED"),
                new Item("Instant noodles, family pack", "Qingshan", "FOOD_AND_DRINK", "0.5", "3.5", "REJECTED"),
                new Item("Inverter refrigerator 300 L", "Lvse Home", "HOUSEHOLD_APPLIANCES", "62", null, "VERIFIED"))) {
            n++;
            var enterprise = item.brand().startsWith("Lvse") ? apparel : pantry;
            String body = "69" + String.format("%010d", 2026_00_000L + n * 7919L);
            var product = products.register(
                    owner,
                    enterprise.id(),
                    new Products.Registration(
                            body + Gtin.checkDigit(body),
                            item.name(),
                            item.brand(),
                            item.category(),
                            new BigDecimal(item.kgPerItem())));
            var claim = item.footprint() == null
                    ? new Products.ClaimSubmission(
                            "LABEL",
                            "CHINA_ENERGY_LABEL",
                            "CEL-2026-" + (1000 + n),
                            1,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null)
                    : new Products.ClaimSubmission(
                            "FOOTPRINT",
                            null,
                            null,
                            null,
                            null,
                            new BigDecimal(item.footprint()),
                            "CRADLE_TO_GATE",
                            n % 2 == 0 ? "PAS_2050" : "ISO_14067",
                            2025,
                            "China Quality Certification Centre");
            var submitted = products.submitClaim(owner, product.gtin(), claim);
            if (item.outcome().equals("SUBMITTED")) {
                continue;
            }
            reviews.take(reviewer, submitted.id());
            List<String> checks = ProductReviews.Check.of(submitted.kind()).stream()
                    .map(Enum::name)
                    .toList();
            switch (item.outcome()) {
                case "VERIFIED" ->
                    reviews.decide(reviewer, submitted.id(), new ProductReviews.Decision("VERIFIED", null, checks));
                case "NEEDS_CHANGES" ->
                    reviews.decide(
                            reviewer,
                            submitted.id(),
                            new ProductReviews.Decision(
                                    "NEEDS_CHANGES",
                                    "The verification statement covers socks of another supplier; upload the one for this product.",
                                    List.of()));
                case "REJECTED" ->
                    reviews.decide(
                            reviewer,
                            submitted.id(),
                            new ProductReviews.Decision(
                                    "REJECTED",
                                    "The footprint leaves out the palm oil in the noodles; the boundary is not cradle to gate.",
                                    List.of()));
                case "DISPUTED" -> {
                    reviews.decide(reviewer, submitted.id(), new ProductReviews.Decision("VERIFIED", null, checks));
                    disputedLater = submitted.id();
                }
                default -> {}
            }
            if (n == 1) {
                // The T-shirt also holds the Ten Rings label, verified.
                var label = products.submitClaim(
                        owner,
                        product.gtin(),
                        new Products.ClaimSubmission(
                                "LABEL",
                                "CHINA_ENVIRONMENTAL_LABEL",
                                "CEC-2026-0117",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
                reviews.take(reviewer, label.id());
                reviews.decide(
                        reviewer,
                        label.id(),
                        new ProductReviews.Decision(
                                "VERIFIED",
                                null,
                                ProductReviews.Check.of(Products.Kind.LABEL).stream()
                                        .map(Enum::name)
                                        .toList()));
            }
        }
        if (disputedLater != null) {
            Actor shopper = Actor.of(challenger, EnumSet.of(Role.PARTICIPANT));
            // One challenge upheld (the claim is disputed), and one still open on the oat drink.
            var upheld = challenges.file(
                    shopper,
                    disputedLater,
                    new ProductChallenges.Filing(
                            "The towels are sold as 'zero carbon' on the pack, but the disclosure leaves out the pulp's transport.",
                            "https://example.org/qingshan-towels-pack",
                            null,
                            null));
            challenges.answer(
                    reviewer,
                    upheld.id(),
                    new ProductChallenges.Answer(
                            "UPHELD",
                            "The pack's 'zero carbon' wording is not substantiated; the claim is disputed until restated."));
        }
        var oat = products.search("Oat drink").stream().findFirst();
        oat.ifPresent(p -> products.lookup(p.gtin()).claims().stream()
                .findFirst()
                .ifPresent(c -> challenges.file(
                        Actor.of(challenger, EnumSet.of(Role.PARTICIPANT)),
                        c.claim().id(),
                        new ProductChallenges.Filing(
                                "Oat drinks I can find are disclosed per litre, not per kilogram; is the functional unit comparable?",
                                "https://example.org/oat-drink-footprints",
                                null,
                                null))));
    }
}
