package org.lowcarbontogether.products;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Organisers;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.Role;

/** Enterprises with products, accredited reviewing NGOs and verified claims, made through the module's services. */
public final class ProductFixtures {

    private final Organisers organisers;
    private final Products products;
    private final ProductReviews reviews;

    public ProductFixtures(Organisers organisers, Products products, ProductReviews reviews) {
        this.organisers = organisers;
        this.products = products;
        this.reviews = reviews;
    }

    /** A fresh, valid GTIN-13 (prefix 2, for internal numbering, so never a real product's). */
    public static String gtin13() {
        String body = "2" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        return body + Gtin.checkDigit(body);
    }

    public Org enterprise() {
        return organisers.organisation(Organisations.Kind.ENTERPRISE);
    }

    /** An NGO accredited by a programme officer; its organiser is a reviewer. */
    public Org reviewingNgo() {
        Org ngo = organisers.organisation(Organisations.Kind.NGO);
        Person officer = organisers.person(Role.PROGRAMME_OFFICER);
        reviews.accredit(officer.user(), ngo.id());
        return ngo;
    }

    public Products.Product product(Org enterprise, String category, String unitsPerItem) {
        return products.register(
                enterprise.organiser().user(),
                enterprise.id(),
                new Products.Registration(
                        gtin13(), "Organic cotton T-shirt", "Lvse", category, new BigDecimal(unitsPerItem)));
    }

    public static Products.ClaimSubmission footprint(String kgPerUnit) {
        return new Products.ClaimSubmission(
                "FOOTPRINT",
                null,
                null,
                null,
                null,
                new BigDecimal(kgPerUnit),
                "CRADLE_TO_GATE",
                "ISO_14067",
                2025,
                "China Quality Certification Centre");
    }

    public static Products.ClaimSubmission label(String scheme, @Nullable Integer grade) {
        return new Products.ClaimSubmission(
                "LABEL",
                scheme,
                "CEC-" + UUID.randomUUID().toString().substring(0, 8),
                grade,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public static List<String> allChecks(Products.Kind kind) {
        return ProductReviews.Check.of(kind).stream().map(Enum::name).toList();
    }

    /** Submits a claim and has the NGO's organiser take and verify it. */
    public Products.Claim verified(Org enterprise, Org ngo, Products.Product product, Products.ClaimSubmission claim) {
        var submitted = products.submitClaim(enterprise.organiser().user(), product.gtin(), claim);
        reviews.take(ngo.organiser().user(), submitted.id());
        return reviews.decide(
                ngo.organiser().user(),
                submitted.id(),
                new ProductReviews.Decision("VERIFIED", null, allChecks(submitted.kind())));
    }
}
