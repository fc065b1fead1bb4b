package org.lowcarbontogether.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.lowcarbontogether.WebSession;
import org.lowcarbontogether.communities.OrganiserScenario;
import org.lowcarbontogether.communities.Organisers.Org;
import org.lowcarbontogether.communities.Organisers.Person;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The product registry end to end on the real database: nothing public before a reviewer verifies it, no review of
 * one's own or a conflicted enterprise, enterprises touching only their own products, expiry, the challenge workflow,
 * and purchases credited only from a verified disclosure against the category baseline.
 */
@IntegrationTest
class ProductsIntegrationTests extends OrganiserScenario {

    /** What a phone's receipt photo carries besides the picture: an Exif block with where it was taken. */
    static final String GPS_MARK = "GPSLatitude 31.2304 N GPSLongitude 121.4737 E";

    /** A receipt photo as a phone sends it: a JPEG with an Exif (APP1) segment holding its position. */
    static final byte[] JPEG = phonePhoto();

    private static byte[] phonePhoto() {
        try {
            var image = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 120, 160);
            g.dispose();
            var plain = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", plain);
            byte[] jpeg = plain.toByteArray();
            byte[] exif = ("Exif\0\0" + GPS_MARK).getBytes(StandardCharsets.ISO_8859_1);
            var out = new ByteArrayOutputStream();
            out.write(jpeg, 0, 2); // SOI
            out.write(0xFF);
            out.write(0xE1); // APP1
            out.write((exif.length + 2) >> 8);
            out.write((exif.length + 2) & 0xFF);
            out.write(exif);
            out.write(jpeg, 2, jpeg.length - 2);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    Products products;

    @Autowired
    ProductReviews reviews;

    @Autowired
    ProductChallenges challenges;

    @Autowired
    ProductPurchases purchases;

    ProductFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new ProductFixtures(organisers, products, reviews);
    }

    static String printed(Products.Product product) {
        return product.printedGtin();
    }

    @Test
    void nothingIsPublicBeforeAReviewerVerifiesIt() {
        Org enterprise = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        var registered = api.post(
                "/api/v1/products",
                """
                {"enterpriseId":"%s","gtin":"%s","name":"Recycled A4 paper","brand":"Qingzhi","category":"PAPER_PRODUCTS",
                 "unitsPerItem":2.5}""".formatted(enterprise.id(), ProductFixtures.gtin13()),
                "Authorization",
                enterprise.organiser().bearer());
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String gtin = registered.json().get("gtin").asString();
        var submitted = api.post(
                "/api/v1/products/" + gtin + "/claims",
                """
                {"kind":"FOOTPRINT","footprintKg":0.9,"systemBoundary":"CRADLE_TO_GATE","standard":"ISO_14067",
                 "dataYear":2025,"verifier":"CQC"}""",
                "Authorization",
                enterprise.organiser().bearer());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        UUID claimId = UUID.fromString(submitted.json().get("id").asString());

        var hidden = api.get("/api/v1/products/" + gtin);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/products?q=Recycled%20A4")
                        .json()
                        .valueStream()
                        .map(p -> p.get("gtin").asString()))
                .doesNotContain(gtin);

        assertThat(api.get("/api/v1/open-data/products").body()).doesNotContain(gtin.substring(1));

        var taken = api.post(
                "/api/v1/product-reviews/" + claimId + "/take",
                "",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/products/" + gtin).status()).as("in review").isEqualTo(404);
        var incomplete = api.post(
                "/api/v1/product-reviews/" + claimId + "/decision",
                """
                {"status":"VERIFIED","checklist":["BOUNDARY_STATED"]}""",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.json().get("errors").get(0).get("field").asString())
                .isEqualTo("checklist");
        var verified = api.post(
                "/api/v1/product-reviews/" + claimId + "/decision",
                """
                {"status":"VERIFIED","checklist":%s}""".formatted(json(ProductFixtures.allChecks(Products.Kind.FOOTPRINT))),
                "Authorization",
                ngo.organiser().bearer());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        // A second claim, still pending, stays out of sight.
        products.submitClaim(
                enterprise.organiser().user(), gtin, ProductFixtures.label("CHINA_ENVIRONMENTAL_LABEL", null));
        JsonNode shown = api.get("/api/v1/products/" + gtin.substring(1)).json();
        assertThat(shown.get("claims")).hasSize(1);
        JsonNode claim = shown.get("claims").get(0);
        assertThat(claim.get("claim").get("status").asString()).isEqualTo("VERIFIED");
        assertThat(claim.get("trail").valueStream().map(s -> s.get("to").asString()))
                .containsExactly("SUBMITTED", "IN_REVIEW", "VERIFIED");
        assertThat(claim.get("trail").toString())
                .doesNotContain(ngo.organiser().id().toString());
        assertThat(shown.get("comparison").get("factorId").asString()).isEqualTo("EF-PAPER-PRIMARY-GB-2025");
        // The page cites the baseline's factor by its name in the reader's language, not by its id.
        assertThat(new WebSession(port)
                        .get("/products/" + gtin.substring(1), "zh-CN")
                        .body())
                .contains("纸张，原生生产（方法学 1.3.0）")
                .doesNotContain("EF-PAPER-PRIMARY-GB-2025");
        assertThat(api.get("/api/v1/products?q=recycled%20a4")
                        .json()
                        .valueStream()
                        .map(p -> p.get("gtin").asString()))
                .contains(gtin);
        assertThat(jdbc.sql(
                                "select count(*) from audit_entry where target_id = :id and action = 'product-claim-reviewed'")
                        .param("id", claimId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aBadBarcodeIsAFieldProblem() {
        Org enterprise = fixtures.enterprise();
        var wrong = api.post(
                "/api/v1/products",
                """
                {"enterpriseId":"%s","gtin":"4006381333932","name":"Kettle","brand":"B","category":"SMALL_ELECTRICAL",
                 "unitsPerItem":1.2}""".formatted(enterprise.id()),
                "Authorization",
                enterprise.organiser().bearer());
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("gtin");
        assertThat(wrong.json().get("errors").get(0).get("message").asString()).contains("1");
        assertThat(api.get("/api/v1/products/123")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("gtin");
    }

    @Test
    void anEnterpriseTouchesOnlyItsOwnProducts() {
        Org mine = fixtures.enterprise();
        Org theirs = fixtures.enterprise();
        var product = fixtures.product(mine, "CLOTHING", "0.3");
        assertThatThrownBy(() -> products.manage(theirs.organiser().user(), product.gtin()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThatThrownBy(() ->
                        products.submitClaim(theirs.organiser().user(), product.gtin(), ProductFixtures.footprint("1")))
                .isInstanceOf(Refusal.class);
        var claim = products.submitClaim(mine.organiser().user(), product.gtin(), ProductFixtures.footprint("10"));
        assertThatThrownBy(() ->
                        products.reviseClaim(theirs.organiser().user(), claim.id(), ProductFixtures.footprint("1")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.kind()).isEqualTo(Refusal.Kind.NOT_FOUND));
        assertThat(api.post(
                                "/api/v1/products",
                                """
                        {"enterpriseId":"%s","gtin":"%s","name":"X","brand":"Y","category":"CLOTHING","unitsPerItem":1}""".formatted(mine.id(), ProductFixtures.gtin13()),
                                "Authorization",
                                theirs.organiser().bearer())
                        .status())
                .isEqualTo(403);
        Org ngo = organisers.organisation(org.lowcarbontogether.account.Organisations.Kind.NGO);
        assertThatThrownBy(() -> products.register(
                        ngo.organiser().user(),
                        ngo.id(),
                        new Products.Registration(ProductFixtures.gtin13(), "X", "Y", "CLOTHING", BigDecimal.ONE)))
                .as("only an enterprise registers products")
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("not-enterprise-organiser"));
    }

    @Test
    void noReviewerReviewsTheirOwnEnterpriseOrADeclaredConflict() {
        Org enterprise = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        var product = fixtures.product(enterprise, "CLOTHING", "0.3");
        var claim =
                products.submitClaim(enterprise.organiser().user(), product.gtin(), ProductFixtures.footprint("10"));

        // The NGO's organiser also works for the enterprise.
        organisations.addMember(
                enterprise.id(), ngo.organiser().id(), org.lowcarbontogether.account.Organisations.MemberRole.MEMBER);
        assertThatThrownBy(() -> reviews.take(ngo.organiser().user(), claim.id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("review-own-organisation"));
        assertThat(reviews.queue(ngo.organiser().user()).stream()
                        .map(q -> q.claim().id()))
                .doesNotContain(claim.id());

        Org other = fixtures.reviewingNgo();
        reviews.declareConflict(other.organiser().user(), enterprise.id(), "Our director sits on its board");
        var refused = api.post(
                "/api/v1/product-reviews/" + claim.id() + "/take",
                "",
                "Authorization",
                other.organiser().bearer());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("review-conflict-declared");

        Person stranger = organisers.person();
        assertThat(api.get("/api/v1/product-reviews", "Authorization", stranger.bearer())
                        .status())
                .as("not accredited")
                .isEqualTo(403);
        Person enterpriseNgo = organisers.person(org.lowcarbontogether.shared.Role.PROGRAMME_OFFICER);
        assertThatThrownBy(() -> reviews.accredit(enterpriseNgo.user(), enterprise.id()))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("enterprise-cannot-review"));

        Org free = fixtures.reviewingNgo();
        assertThat(reviews.take(free.organiser().user(), claim.id()).status()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThatThrownBy(() -> reviews.decide(
                        other.organiser().user(), claim.id(), new ProductReviews.Decision("REJECTED", "no", List.of())))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> reviews.decide(
                        free.organiser().user(),
                        claim.id(),
                        new ProductReviews.Decision("NEEDS_CHANGES", " ", List.of())))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo("reasons-required"));
        var back = reviews.decide(
                free.organiser().user(),
                claim.id(),
                new ProductReviews.Decision("NEEDS_CHANGES", "State the verifier's statement number", List.of()));
        assertThat(back.status()).isEqualTo(ClaimStatus.NEEDS_CHANGES);
        var revised = products.reviseClaim(enterprise.organiser().user(), claim.id(), ProductFixtures.footprint("9.5"));
        assertThat(revised.status()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(products.manage(enterprise.organiser().user(), product.gtin()).claims().getFirst().trail().stream()
                        .map(Products.Step::to))
                .containsExactly(
                        ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, ClaimStatus.NEEDS_CHANGES, ClaimStatus.SUBMITTED);
    }

    @Test
    void aVerifiedClaimExpiresWithItsCertificate() {
        Org enterprise = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        var product = fixtures.product(enterprise, "SMALL_ELECTRICAL", "1.5");
        LocalDate certificateEnd = ProgrammeCalendar.dayOf(Instant.now()).plusDays(30);
        var label = new Products.ClaimSubmission(
                "LABEL", "CHINA_ENERGY_LABEL", "CEL-2025-001", 1, certificateEnd, null, null, null, null, null);
        var claim = fixtures.verified(enterprise, ngo, product, label);
        assertThat(claim.status()).isEqualTo(ClaimStatus.VERIFIED);
        assertThat(claim.expiresAt()).isEqualTo(Products.endOfDay(certificateEnd));

        var footprint = fixtures.verified(enterprise, ngo, product, ProductFixtures.footprint("3"));
        assertThat(footprint.expiresAt())
                .as("no certificate: the review's validity")
                .isBetween(
                        Instant.now().plus(Duration.ofDays(364)), Instant.now().plus(Duration.ofDays(366)));

        // Time passes: the certificate ended yesterday.
        jdbc.sql("update product_claim set expires_at = :past where id in (:ids)")
                .param("past", Timestamp.from(Instant.now().minus(Duration.ofDays(1))))
                .param("ids", List.of(claim.id(), footprint.id()))
                .update();
        JsonNode shown = api.get("/api/v1/products/" + printed(product)).json();
        assertThat(shown.get("claims")
                        .valueStream()
                        .map(c -> c.get("claim").get("status").asString()))
                .containsOnly("EXPIRED");
        assertThat(shown.path("comparison").isNull() || shown.path("comparison").isMissingNode())
                .as("no valid disclosure to compare")
                .isTrue();
        var refused = api.get("/api/v1/products/" + printed(product) + "/credit-basis");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("footprintClaim").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void aChallengeIsAnsweredInTimeByTheReviewingOrganisationAndItsOutcomeIsPublic() {
        Org enterprise = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        var product = fixtures.product(enterprise, "FOOD_AND_DRINK", "0.5");
        var claim = fixtures.verified(enterprise, ngo, product, ProductFixtures.footprint("1.2"));
        Person shopper = organisers.person();

        assertThat(api.post("/api/v1/product-challenges", """
                        {"claimId":"%s","statement":"The boundary leaves out the cold chain."}""".formatted(claim.id()))
                        .status())
                .as("signed in only")
                .isEqualTo(401);
        var noEvidence =
                api.post("/api/v1/product-challenges", """
                {"claimId":"%s","statement":"The boundary leaves out the cold chain."}""".formatted(claim.id()), "Authorization", shopper.bearer());
        assertThat(noEvidence.status()).isEqualTo(400);
        var filed = api.post(
                "/api/v1/product-challenges",
                """
                {"claimId":"%s","statement":"The boundary leaves out the cold chain.",
                 "evidenceUrl":"https://example.org/cold-chain-study","documentName":"study.pdf","document":"%s"}""".formatted(claim.id(), Base64.getEncoder().encodeToString("%PDF-1.4 study".getBytes())),
                "Authorization",
                shopper.bearer());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID challengeId = UUID.fromString(filed.json().get("id").asString());
        Instant due = Instant.parse(filed.json().get("dueAt").asString());
        assertThat(due)
                .isBetween(
                        Instant.now().plus(Duration.ofDays(13)), Instant.now().plus(Duration.ofDays(15)));

        JsonNode shown = api.get("/api/v1/products/" + printed(product)).json();
        JsonNode challenge = shown.get("claims").get(0).get("challenges").get(0);
        assertThat(challenge.get("status").asString()).isEqualTo("OPEN");
        assertThat(challenge.toString()).doesNotContain(shopper.id().toString());
        assertThat(api.get(
                                "/api/v1/product-challenges/" + challengeId + "/document",
                                "Authorization",
                                organisers.person().bearer())
                        .status())
                .as("the document is the reviewers' and the filer's")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/product-challenges/" + challengeId + "/document", "Authorization", shopper.bearer())
                        .status())
                .isEqualTo(200);

        Org otherNgo = fixtures.reviewingNgo();
        assertThat(api.post(
                                "/api/v1/product-challenges/" + challengeId + "/answer",
                                """
                        {"outcome":"DISMISSED","answer":"Fine."}""",
                                "Authorization",
                                otherNgo.organiser().bearer())
                        .status())
                .as("only the organisation that reviewed the claim answers")
                .isEqualTo(403);
        assertThat(reviews.queue(ngo.organiser().user()).stream()
                        .filter(q -> q.claim().id().equals(claim.id())))
                .singleElement()
                .satisfies(q -> assertThat(q.openChallenges()).isEqualTo(1));
        var upheld = api.post(
                "/api/v1/product-challenges/" + challengeId + "/answer",
                """
                {"outcome":"UPHELD","answer":"The disclosure omits refrigerated distribution; disputed until restated."}""",
                "Authorization",
                ngo.organiser().bearer());
        assertThat(upheld.status()).as(upheld.body()).isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/product-challenges/" + challengeId + "/answer",
                                """
                        {"outcome":"DISMISSED","answer":"again"}""",
                                "Authorization",
                                ngo.organiser().bearer())
                        .status())
                .isEqualTo(409);

        shown = api.get("/api/v1/products/" + printed(product)).json();
        JsonNode publicClaim = shown.get("claims").get(0);
        assertThat(publicClaim.get("claim").get("status").asString()).isEqualTo("DISPUTED");
        assertThat(publicClaim.get("challenges").get(0).get("status").asString())
                .isEqualTo("UPHELD");
        assertThat(publicClaim.get("challenges").get(0).get("answer").asString())
                .contains("refrigerated");
        assertThat(publicClaim.get("trail").valueStream().map(s -> s.get("to").asString()))
                .endsWith("DISPUTED");
        var refused = api.get("/api/v1/products/" + printed(product) + "/credit-basis");
        assertThat(refused.status()).as("a disputed product credits nothing").isEqualTo(422);
        assertThat(refused.json().get("footprintClaim").asString()).isEqualTo("DISPUTED");
    }

    @Test
    void aPurchaseIsCreditedOnlyFromAVerifiedDisclosureAgainstTheCategoryBaseline() {
        Org enterprise = fixtures.enterprise();
        Org ngo = fixtures.reviewingNgo();
        Person buyer = organisers.person();
        String at = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .minusHours(1)
                .withNano(0)
                .toString();
        String body = """
                {"quantity":2,"purchasedAt":"%s","receipt":"%s"}""".formatted(at, Base64.getEncoder().encodeToString(JPEG));

        var unknown = purchase(buyer, ProductFixtures.gtin13(), body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("gtin");

        // 0.4 kg of clothing at 12.5 kg CO2e/kg against the methodology's 22.31 kg CO2e/kg (DESNZ 2025).
        var shirt = fixtures.product(enterprise, "CLOTHING", "0.4");
        products.submitClaim(enterprise.organiser().user(), shirt.gtin(), ProductFixtures.footprint("12.5"));
        var pending = purchase(buyer, printed(shirt), body);
        assertThat(pending.status()).isEqualTo(422);
        assertThat(pending.json().get("footprintClaim").asString()).isEqualTo("SUBMITTED");

        var fridge = fixtures.product(enterprise, "HOUSEHOLD_APPLIANCES", "60");
        fixtures.verified(enterprise, ngo, fridge, ProductFixtures.footprint("5"));
        var noBaseline = purchase(buyer, printed(fridge), body);
        assertThat(noBaseline.status()).isEqualTo(422);
        assertThat(noBaseline.body()).contains("product-category-no-baseline");
        // The methodology's own reason, in both languages, from the version in effect on the day of purchase.
        assertThat(noBaseline.json().get("methodologyVersion").asString()).isEqualTo("1.3.0");
        assertThat(noBaseline.json().get("reason").get("en").asString()).contains("large household appliances");
        assertThat(noBaseline.json().get("reason").get("zh").asString()).contains("大型家用电器");

        var heavy = fixtures.product(enterprise, "CLOTHING", "0.4");
        fixtures.verified(enterprise, ngo, heavy, ProductFixtures.footprint("30"));
        assertThat(purchase(buyer, printed(heavy), body).body()).contains("product-not-below-baseline");
        assertThat(jdbc.sql("select count(*) from activity_record where user_id = :u")
                        .param("u", buyer.id())
                        .query(Long.class)
                        .single())
                .as("nothing recorded for any refusal")
                .isZero();

        var claim = jdbc.sql("select id from product_claim where product_id = :p")
                .param("p", shirt.id())
                .query(UUID.class)
                .single();
        reviews.take(ngo.organiser().user(), claim);
        reviews.decide(
                ngo.organiser().user(),
                claim,
                new ProductReviews.Decision("VERIFIED", null, ProductFixtures.allChecks(Products.Kind.FOOTPRINT)));
        // Bought on a day before 1.3.0 took effect: that day's version (1.1.0) has no category baselines.
        var early = purchase(
                buyer, printed(shirt), """
                {"quantity":1,"purchasedAt":"2026-12-01T10:00:00+08:00","receipt":"%s"}""".formatted(Base64.getEncoder().encodeToString(JPEG)));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body()).contains("product-baseline-not-in-version");
        assertThat(early.json().get("methodologyVersion").asString()).isEqualTo("1.1.0");

        var recorded = purchase(buyer, printed(shirt), body);
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(202);
        JsonNode json = recorded.json();
        // 0.4 kg × (22.31 − 12.5) kg CO2e per kg = 3.924 kg per item, the baseline cited from methodology 1.3.0.
        assertThat(json.get("comparison").get("differencePerItemKg").decimalValue())
                .isEqualByComparingTo("3.924");
        assertThat(json.get("comparison").get("baselineKg").decimalValue()).isEqualByComparingTo("22.31");
        assertThat(json.get("comparison").get("factorId").asString()).isEqualTo("EF-CLOTHING-PRIMARY-GB-2025");
        assertThat(json.get("comparison").get("sourceId").asString()).isEqualTo("DESNZ-2025");
        assertThat(json.get("comparison").get("methodologyVersion").asString()).isEqualTo("1.3.0");
        JsonNode record = json.get("record");
        assertThat(record.get("status").asString())
                .as("the receipt waits for a reviewer")
                .isEqualTo("FLAGGED");
        assertThat(record.get("evidence").asString()).isEqualTo("PHOTO");
        assertThat(record.get("reductionGrams").asLong()).isEqualTo(2 * 3924);
        assertThat(record.get("externalRef").asString())
                .contains(shirt.gtin())
                .contains(claim.toString())
                .contains(":baseline:EF-CLOTHING-PRIMARY-GB-2025:DESNZ-2025:1.3.0:");
        var again = purchase(
                buyer,
                printed(shirt),
                body,
                recorded.raw().request().headers().firstValue("Idempotency-Key").orElseThrow());
        assertThat(again.json().get("record").get("id").asString())
                .as("replayed")
                .isEqualTo(record.get("id").asString());
        byte[] kept = jdbc.sql("select receipt from product_purchase where record_id = :r")
                .param("r", UUID.fromString(record.get("id").asString()))
                .query(byte[].class)
                .single();
        assertThat(new String(JPEG, StandardCharsets.ISO_8859_1)).contains(GPS_MARK);
        assertThat(new String(kept, StandardCharsets.ISO_8859_1))
                .as("the receipt is kept re-encoded, without the phone's position")
                .doesNotContain(GPS_MARK)
                .startsWith("\u00FF\u00D8");

        // A PDF or anything not a photo is no receipt.
        String pdf = """
                {"quantity":1,"purchasedAt":"%s","receipt":"%s"}""".formatted(
                at, Base64.getEncoder().encodeToString("%PDF-1.7 not a photo".getBytes(StandardCharsets.US_ASCII)));
        var notPhoto = purchase(buyer, printed(shirt), pdf);
        assertThat(notPhoto.status()).isEqualTo(422);
        assertThat(notPhoto.json().get("type").asString()).endsWith("photo-type");

        // The buyer cannot type the footprint difference on the ordinary record path.
        var typed = api.post(
                "/api/v1/records",
                """
                {"behaviour":"CERTIFIED_GREEN_PRODUCT","quantity":1,"unit":"item","occurredAt":"%s",
                 "parameters":{"footprintDifferenceKg":3.9},"externalRef":"product:%s"}""".formatted(at, shirt.gtin()),
                "Authorization",
                buyer.bearer(),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(typed.status()).isEqualTo(422);
        assertThat(typed.json().get("errors").findValuesAsString("field"))
                .contains("parameters.footprintDifferenceKg", "externalRef");
    }

    org.lowcarbontogether.ApiClient.Response purchase(Person buyer, String gtin, String body) {
        return purchase(buyer, gtin, body, UUID.randomUUID().toString());
    }

    org.lowcarbontogether.ApiClient.Response purchase(Person buyer, String gtin, String body, String key) {
        return api.post(
                "/api/v1/products/" + gtin + "/purchases",
                body,
                "Authorization",
                buyer.bearer(),
                "Idempotency-Key",
                key);
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
