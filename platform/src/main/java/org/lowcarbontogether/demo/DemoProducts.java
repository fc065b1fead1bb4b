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
 * product review with one reviewer, thirty products in four categories (clothing, paper products, food and drink, large
 * household appliances) with claims verified, waiting, in review, sent back, disputed (by the reviewer, or by an upheld
 * public challenge) and rejected, and one open public challenge — all through the module's services, as real users
 * would.
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
            String outcome,
            @Nullable String reasons) {}

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
                // Clothing (Lvse Apparel): the methodology's baseline is DESNZ 2025's 22.31 kg CO2e per kg.
                new Item("Organic cotton T-shirt", "Lvse", "CLOTHING", "0.2", "9.8", "VERIFIED", null),
                new Item("Recycled polyester jacket", "Lvse", "CLOTHING", "0.8", "14.2", "VERIFIED", null),
                new Item("Hemp trousers", "Lvse", "CLOTHING", "0.6", "11", "IN_REVIEW", null),
                new Item(
                        "Bamboo socks (3 pairs)",
                        "Lvse",
                        "CLOTHING",
                        "0.15",
                        "18",
                        "NEEDS_CHANGES",
                        "The verification statement covers socks of another supplier; upload the one for this product."),
                new Item("Linen shirt", "Lvse", "CLOTHING", "0.25", "12.4", "VERIFIED", null),
                new Item("Recycled-wool jumper", "Lvse", "CLOTHING", "0.5", "8.6", "VERIFIED", null),
                new Item("Organic denim jeans", "Lvse", "CLOTHING", "0.7", "16.5", "SUBMITTED", null),
                new Item(
                        "Down-free winter coat",
                        "Lvse",
                        "CLOTHING",
                        "1.2",
                        "19.8",
                        "DISPUTED",
                        "The verifier's statement covers last season's coat, with a different filling."),
                new Item(
                        "Merino base layer",
                        "Lvse",
                        "CLOTHING",
                        "0.3",
                        "21",
                        "REJECTED",
                        "The disclosure leaves out the wool's farming stage; cradle to gate is not met."),
                // Paper products (Qingshan).
                new Item(
                        "Recycled A4 copy paper, 500 sheets",
                        "Qingshan",
                        "PAPER_PRODUCTS",
                        "2.5",
                        "0.72",
                        "VERIFIED",
                        null),
                new Item("Unbleached kitchen towels", "Qingshan", "PAPER_PRODUCTS", "0.4", "1.1", "CHALLENGED", null),
                new Item(
                        "Recycled toilet paper, 10 rolls", "Qingshan", "PAPER_PRODUCTS", "1", "0.85", "VERIFIED", null),
                new Item("Bamboo-pulp tissues, 6 packs", "Qingshan", "PAPER_PRODUCTS", "0.6", "0.95", "VERIFIED", null),
                new Item("Recycled notebook A5", "Qingshan", "PAPER_PRODUCTS", "0.3", "1.05", "IN_REVIEW", null),
                new Item(
                        "FSC paper gift bags, 10",
                        "Qingshan",
                        "PAPER_PRODUCTS",
                        "0.5",
                        "1.2",
                        "NEEDS_CHANGES",
                        "State which standard the disclosure follows; the document names none."),
                new Item(
                        "Recycled cardboard shipping boxes, 20",
                        "Qingshan",
                        "PAPER_PRODUCTS",
                        "3",
                        "0.6",
                        "VERIFIED",
                        null),
                // Food and drink (Qingshan).
                new Item("Oat drink 1 L", "Qingshan", "FOOD_AND_DRINK", "1.03", "0.45", "VERIFIED", null),
                new Item("Shade-grown tea 250 g", "Qingshan", "FOOD_AND_DRINK", "0.25", "2.9", "SUBMITTED", null),
                new Item(
                        "Instant noodles, family pack",
                        "Qingshan",
                        "FOOD_AND_DRINK",
                        "0.5",
                        "3.5",
                        "REJECTED",
                        "The footprint leaves out the palm oil in the noodles; the boundary is not cradle to gate."),
                new Item("Organic brown rice 5 kg", "Qingshan", "FOOD_AND_DRINK", "5", "1.1", "VERIFIED", null),
                new Item("Soy milk powder 400 g", "Qingshan", "FOOD_AND_DRINK", "0.4", "1.6", "VERIFIED", null),
                new Item(
                        "Dried shiitake mushrooms 200 g",
                        "Qingshan",
                        "FOOD_AND_DRINK",
                        "0.2",
                        "2.2",
                        "IN_REVIEW",
                        null),
                new Item("Millet porridge mix 1 kg", "Qingshan", "FOOD_AND_DRINK", "1", "0.9", "VERIFIED", null),
                new Item(
                        "Firm tofu 400 g",
                        "Qingshan",
                        "FOOD_AND_DRINK",
                        "0.4",
                        "1.3",
                        "DISPUTED",
                        "The disclosure's data year predates the current soybean supplier."),
                // Large household appliances (Lvse Home): the methodology has no baseline; energy labels only.
                new Item(
                        "Inverter refrigerator 300 L",
                        "Lvse Home",
                        "HOUSEHOLD_APPLIANCES",
                        "62",
                        null,
                        "VERIFIED",
                        null),
                new Item(
                        "Front-loading washing machine 8 kg",
                        "Lvse Home",
                        "HOUSEHOLD_APPLIANCES",
                        "68",
                        null,
                        "VERIFIED",
                        null),
                new Item(
                        "Inverter air conditioner 1.5 HP",
                        "Lvse Home",
                        "HOUSEHOLD_APPLIANCES",
                        "38",
                        null,
                        "IN_REVIEW",
                        null),
                new Item(
                        "Heat-pump clothes dryer 9 kg",
                        "Lvse Home",
                        "HOUSEHOLD_APPLIANCES",
                        "48",
                        null,
                        "VERIFIED",
                        null),
                new Item(
                        "Dishwasher, 13 place settings",
                        "Lvse Home",
                        "HOUSEHOLD_APPLIANCES",
                        "45",
                        null,
                        "NEEDS_CHANGES",
                        "The record number on the label photo cannot be read; upload a sharper photo."),
                new Item(
                        "Electric water heater 60 L",
                        "Lvse Home",
                        "HOUSEHOLD_APPLIANCES",
                        "22",
                        null,
                        "REJECTED",
                        "The record number belongs to another model; the label does not match the product."))) {
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
                            1 + n % 2,
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
                case "NEEDS_CHANGES", "REJECTED", "DISPUTED" ->
                    reviews.decide(
                            reviewer,
                            submitted.id(),
                            new ProductReviews.Decision(item.outcome(), item.reasons(), List.of()));
                case "CHALLENGED" -> {
                    // Verified, then disputed by the public challenge below, which the reviewer upholds.
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
