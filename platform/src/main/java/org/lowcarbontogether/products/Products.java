package org.lowcarbontogether.products;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product registry. An organiser of an ENTERPRISE organisation registers its products by GTIN and submits claims
 * (a label held, or a footprint disclosure) with evidence documents; it sees and revises only its own. Anyone looks up
 * a product by barcode or name and sees only its reviewed claims (verified, expired or disputed), their review trail
 * and challenges, and the comparison with its category's typical footprint where the methodology has one. Nothing of
 * a product is public until one of its claims has been verified.
 */
@Service
public class Products {

    /** What a claim states: a label held, or a disclosed carbon footprint. Labels are {@code products.kind.<name>}. */
    public enum Kind {
        LABEL,
        FOOTPRINT
    }

    /** Where a public challenge stands. Labels are {@code products.challenge.<name>}. */
    public enum ChallengeStatus {
        OPEN,
        UPHELD,
        DISMISSED
    }

    /** The system boundaries and standards a disclosure may state; labels {@code products.boundary.<name>} etc. */
    public static final List<String> BOUNDARIES = List.of("CRADLE_TO_GATE", "CRADLE_TO_GRAVE");

    public static final List<String> STANDARDS = List.of("ISO_14067", "PAS_2050", "GHG_PROTOCOL_PRODUCT", "OTHER");

    /**
     * A registry category with, from the methodology version in effect today, its baseline factor — or, where the
     * methodology cannot support the category, the reason it gives (null when the version lists no baselines at all).
     */
    public record Category(
            String code,
            String nameEn,
            String nameZh,
            String functionalUnit,
            @Nullable String baselineFactorId,
            @Nullable LocalizedText noBaselineReason) {
        public String name(boolean zh) {
            return zh ? nameZh : nameEn;
        }
    }

    public record LabelScheme(
            String code,
            String nameEn,
            String nameZh,
            String issuerEn,
            String issuerZh,
            String verifyEn,
            String verifyZh,
            boolean graded) {
        public String name(boolean zh) {
            return zh ? nameZh : nameEn;
        }

        public String issuer(boolean zh) {
            return zh ? issuerZh : issuerEn;
        }

        public String verify(boolean zh) {
            return zh ? verifyZh : verifyEn;
        }
    }

    public record Product(
            UUID id,
            String gtin,
            UUID enterpriseId,
            String enterprise,
            String name,
            String brand,
            String category,
            BigDecimal unitsPerItem,
            Instant createdAt) {
        public String printedGtin() {
            return Gtin.printed(gtin);
        }
    }

    public record Evidence(UUID id, String fileName, String contentType, int size, Instant uploadedAt) {}

    public record Claim(
            UUID id,
            UUID productId,
            String gtin,
            UUID enterpriseId,
            Kind kind,
            ClaimStatus status,
            @Nullable String labelScheme,
            @Nullable String certificateNumber,
            @Nullable Integer grade,
            @Nullable LocalDate certificateExpiresOn,
            @Nullable BigDecimal footprintKg,
            @Nullable String systemBoundary,
            @Nullable String standard,
            @Nullable Integer dataYear,
            @Nullable String verifier,
            Instant submittedAt,
            @Nullable UUID reviewerOrganisationId,
            @Nullable String reviewerOrganisation,
            @Nullable Instant verifiedAt,
            @Nullable Instant expiresAt,
            List<Evidence> evidence) {

        Claim withEvidence(List<Evidence> documents) {
            return new Claim(
                    id,
                    productId,
                    gtin,
                    enterpriseId,
                    kind,
                    status,
                    labelScheme,
                    certificateNumber,
                    grade,
                    certificateExpiresOn,
                    footprintKg,
                    systemBoundary,
                    standard,
                    dataYear,
                    verifier,
                    submittedAt,
                    reviewerOrganisationId,
                    reviewerOrganisation,
                    verifiedAt,
                    expiresAt,
                    documents);
        }
    }

    /** One step of a claim's review: when, by which organisation, from and to which status, why, what was checked. */
    public record Step(
            Instant at,
            @Nullable String organisation,
            @Nullable ClaimStatus from,
            ClaimStatus to,
            @Nullable String reasons,
            List<String> checklist) {}

    public record Challenge(
            UUID id,
            UUID claimId,
            String statement,
            @Nullable String evidenceUrl,
            @Nullable String documentName,
            Instant filedAt,
            Instant dueAt,
            ChallengeStatus status,
            @Nullable String answer,
            @Nullable Instant answeredAt,
            boolean overdue) {}

    /**
     * A verified footprint against its category's typical footprint: both in kg CO2e per functional unit, the
     * methodology factor and source the baseline comes from, and the difference for one item (positive: lower).
     */
    public record Comparison(
            BigDecimal disclosedKg,
            BigDecimal baselineKg,
            String functionalUnit,
            String factorId,
            LocalizedText factorName,
            String sourceId,
            String methodologyVersion,
            BigDecimal differencePerItemKg) {}

    public record ClaimView(Claim claim, List<Step> trail, List<Challenge> challenges) {}

    /**
     * A product as the public sees it: its reviewed claims only. {@code comparison} is null without a baseline; a
     * category the methodology cannot support carries the methodology's reason.
     */
    public record PublicProduct(
            Product product,
            List<ClaimView> claims,
            @Nullable Comparison comparison,
            boolean categoryHasBaseline,
            @Nullable LocalizedText noBaselineReason) {}

    /** A product as its enterprise sees it: every claim with its trail and challenges. */
    public record ManagedProduct(Product product, List<ClaimView> claims) {}

    /** A product to register. */
    public record Registration(
            @Nullable String gtin,
            @Nullable String name,
            @Nullable String brand,
            @Nullable String category,
            @Nullable BigDecimal unitsPerItem) {}

    /** A claim to submit or revise; the fields of the other kind are ignored. */
    public record ClaimSubmission(
            @Nullable String kind,
            @Nullable String labelScheme,
            @Nullable String certificateNumber,
            @Nullable Integer grade,
            @Nullable LocalDate certificateExpiresOn,
            @Nullable BigDecimal footprintKg,
            @Nullable String systemBoundary,
            @Nullable String standard,
            @Nullable Integer dataYear,
            @Nullable String verifier) {}

    private final JdbcClient jdbc;
    private final ProductStore store;
    private final Organisations organisations;
    private final Methodology methodology;
    private final AuditLog audit;
    private final ProductReviews reviews;

    Products(
            JdbcClient jdbc,
            ProductStore store,
            Organisations organisations,
            Methodology methodology,
            AuditLog audit,
            ProductReviews reviews) {
        this.reviews = reviews;
        this.jdbc = jdbc;
        this.store = store;
        this.organisations = organisations;
        this.methodology = methodology;
        this.audit = audit;
    }

    /** The registry's categories, each with its baseline in the methodology version in effect today. */
    public List<Category> categories() {
        var today = ProgrammeCalendar.dayOf(store.now());
        var version = methodology.inEffectOn(today);
        return jdbc.sql("select code, name_en, name_zh, functional_unit from product_category order by position")
                .query((rs, row) -> {
                    String code = rs.getString("code");
                    String unit = rs.getString("functional_unit");
                    var listed = version.flatMap(v -> v.productBaseline(code));
                    return new Category(
                            code,
                            rs.getString("name_en"),
                            rs.getString("name_zh"),
                            unit,
                            listed.filter(b -> b.functionalUnit().equals(unit))
                                    .map(MethodologyVersion.ProductBaseline::factorId)
                                    .orElse(null),
                            listed.map(MethodologyVersion.ProductBaseline::unsupportedReason)
                                    .orElse(null));
                })
                .list();
    }

    public List<LabelScheme> labelSchemes() {
        return jdbc.sql("select * from product_label_scheme order by position")
                .query((rs, row) -> new LabelScheme(
                        rs.getString("code"),
                        rs.getString("name_en"),
                        rs.getString("name_zh"),
                        rs.getString("issuer_en"),
                        rs.getString("issuer_zh"),
                        rs.getString("verify_en"),
                        rs.getString("verify_zh"),
                        rs.getBoolean("graded")))
                .list();
    }

    Optional<Category> category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    // ---- enterprises

    /** The enterprises the caller organises (where they may register products). */
    public List<Organisations.Organisation> enterprisesOf(Actor me) {
        return organisations.organisedBy(me.id()).stream()
                .filter(o -> o.kind() == Organisations.Kind.ENTERPRISE)
                .toList();
    }

    private void requireEnterpriseOrganiser(Actor me, UUID enterpriseId) {
        boolean enterprise;
        try {
            enterprise = organisations.get(enterpriseId).kind() == Organisations.Kind.ENTERPRISE;
        } catch (Refusal unknown) {
            enterprise = false;
        }
        if (!enterprise || !organisations.isOrganiser(me.id(), enterpriseId)) {
            throw Refusal.forbidden("not-enterprise-organiser", "enterpriseId");
        }
    }

    /** The enterprise's products, newest first, for its organisers. */
    public List<Product> ofEnterprise(Actor me, UUID enterpriseId) {
        requireEnterpriseOrganiser(me, enterpriseId);
        return store.products("p.enterprise_id = :e order by p.created_at desc", Map.of("e", enterpriseId));
    }

    @Transactional
    public Product register(Actor me, UUID enterpriseId, Registration r) {
        requireEnterpriseOrganiser(me, enterpriseId);
        List<Violation> missing = new ArrayList<>();
        List<Violation> wrong = new ArrayList<>();
        String gtin = null;
        try {
            gtin = Gtin.parse(r.gtin(), "gtin");
        } catch (Refusal refusal) {
            (refusal.kind() == Refusal.Kind.INVALID ? missing : wrong)
                    .add(Violation.of("gtin", refusal.code(), refusal.args()));
        }
        String name = text(r.name(), "name", 200, missing, wrong);
        String brand = text(r.brand(), "brand", 100, missing, wrong);
        if (r.category() == null || r.category().isBlank()) {
            missing.add(Violation.of("category", "field-required", "category"));
        } else if (category(r.category()).isEmpty()) {
            wrong.add(Violation.of("category", "product-category-unknown"));
        }
        if (r.unitsPerItem() == null) {
            missing.add(Violation.of("unitsPerItem", "field-required", "unitsPerItem"));
        } else if (r.unitsPerItem().signum() <= 0 || r.unitsPerItem().compareTo(new BigDecimal("10000")) > 0) {
            wrong.add(Violation.of("unitsPerItem", "units-per-item-range"));
        }
        refuse(missing, wrong, "invalid-product");
        String number = java.util.Objects.requireNonNull(gtin);
        if (store.productByGtin(number).isPresent()) {
            throw Refusal.conflict("gtin-registered", "gtin", Gtin.printed(number));
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into product (id, gtin, enterprise_id, name, brand, category, units_per_item, created_by,
                            created_at)
                        values (:id, :gtin, :e, :name, :brand, :category, :units, :by, :at)""")
                .param("id", id)
                .param("gtin", number)
                .param("e", enterpriseId)
                .param("name", name)
                .param("brand", brand)
                .param("category", r.category())
                .param("units", r.unitsPerItem())
                .param("by", me.id())
                .param("at", Timestamp.from(store.now()))
                .update();
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_REGISTERED,
                enterpriseId,
                AuditLog.Target.PRODUCT,
                id,
                Map.of("gtin", number));
        return store.product(id).orElseThrow();
    }

    /** A product of the caller's enterprise, with every claim; anyone else is told it is unknown. */
    public ManagedProduct manage(Actor me, String typedGtin) {
        Product product = own(me, typedGtin);
        return new ManagedProduct(product, views(store.claimsOf(product.id())));
    }

    /** A product of the caller's enterprise; anyone else is told it is unknown. */
    Product own(Actor me, String typedGtin) {
        String gtin = Gtin.parse(typedGtin, "gtin");
        return store.productByGtin(gtin)
                .filter(p -> organisations.isOrganiser(me.id(), p.enterpriseId()))
                .orElseThrow(() -> Refusal.notFound("product-unknown", "gtin"));
    }

    private Claim ownClaim(Actor me, UUID claimId) {
        return store.claim(claimId)
                .filter(c -> organisations.isOrganiser(me.id(), c.enterpriseId()))
                .orElseThrow(() -> Refusal.notFound("claim-unknown", "claim"));
    }

    @Transactional
    public Claim submitClaim(Actor me, String typedGtin, ClaimSubmission s) {
        Product product = own(me, typedGtin);
        Kind kind = checkClaim(s);
        UUID id = UUID.randomUUID();
        Instant now = store.now();
        jdbc.sql("""
                        insert into product_claim (id, product_id, kind, status, label_scheme, certificate_number, grade,
                            certificate_expires_on, footprint_kg, system_boundary, standard, data_year, verifier,
                            submitted_by, submitted_at, updated_at)
                        values (:id, :product, :kind, 'SUBMITTED', :scheme, :cert, :grade, :certEnd, :kg, :boundary,
                            :standard, :year, :verifier, :by, :at, :at)""")
                .param("id", id)
                .param("product", product.id())
                .param("kind", kind.name())
                .params(claimFields(kind, s))
                .param("by", me.id())
                .param("at", Timestamp.from(now))
                .update();
        store.step(id, me, product.enterpriseId(), null, ClaimStatus.SUBMITTED, null, List.of());
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_CLAIM_SUBMITTED,
                product.enterpriseId(),
                AuditLog.Target.PRODUCT_CLAIM,
                id,
                Map.of("gtin", product.gtin(), "claimKind", kind.name()));
        return store.claim(id).orElseThrow();
    }

    /** Revises a claim sent back for changes (or not yet taken) and submits it again. */
    @Transactional
    public Claim reviseClaim(Actor me, UUID claimId, ClaimSubmission s) {
        Claim claim = ownClaim(me, claimId);
        store.lockClaim(claimId);
        if (claim.status() != ClaimStatus.NEEDS_CHANGES && claim.status() != ClaimStatus.SUBMITTED) {
            throw Refusal.conflict("claim-not-revisable", "claim");
        }
        Kind kind = checkClaim(s);
        if (kind != claim.kind()) {
            throw Refusal.unacceptable("claim-kind-fixed", "kind");
        }
        jdbc.sql("""
                        update product_claim set status = 'SUBMITTED', label_scheme = :scheme, certificate_number = :cert,
                            grade = :grade, certificate_expires_on = :certEnd, footprint_kg = :kg,
                            system_boundary = :boundary, standard = :standard, data_year = :year, verifier = :verifier,
                            reviewer_id = null, reviewer_organisation_id = null, submitted_at = :at, updated_at = :at
                        where id = :id""")
                .param("id", claimId)
                .params(claimFields(kind, s))
                .param("at", Timestamp.from(store.now()))
                .update();
        store.step(claimId, me, claim.enterpriseId(), claim.status(), ClaimStatus.SUBMITTED, null, List.of());
        audit.record(
                me.id(),
                AuditLog.Action.PRODUCT_CLAIM_SUBMITTED,
                claim.enterpriseId(),
                AuditLog.Target.PRODUCT_CLAIM,
                claimId,
                Map.of("gtin", claim.gtin(), "claimKind", kind.name(), "revised", "true"));
        return store.claim(claimId).orElseThrow();
    }

    /** Adds an evidence document (PDF or image, checked by content) to one of the enterprise's claims under review. */
    @Transactional
    public Evidence addEvidence(Actor me, UUID claimId, @Nullable String fileName, byte @Nullable [] content) {
        Claim claim = ownClaim(me, claimId);
        if (claim.status() != ClaimStatus.SUBMITTED && claim.status() != ClaimStatus.NEEDS_CHANGES) {
            throw Refusal.conflict("claim-not-revisable", "claim");
        }
        String type = Documents.check(content, "document");
        String name = fileName == null || fileName.isBlank()
                ? "document"
                : fileName.strip().substring(0, Math.min(120, fileName.strip().length()));
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into product_evidence (id, claim_id, file_name, content_type, content, uploaded_by, uploaded_at)
                        values (:id, :claim, :name, :type, :content, :by, :at)""")
                .param("id", id)
                .param("claim", claimId)
                .param("name", name)
                .param("type", type)
                .param("content", content)
                .param("by", me.id())
                .param("at", Timestamp.from(store.now()))
                .update();
        return new Evidence(id, name, type, java.util.Objects.requireNonNull(content).length, store.now());
    }

    /** An evidence document's bytes and type, for the enterprise's organisers and the reviewers who may review it. */
    public Document evidence(Actor me, UUID evidenceId) {
        var row = jdbc.sql("select claim_id, file_name, content_type, content from product_evidence where id = :id")
                .param("id", evidenceId)
                .query((rs, n) -> Map.entry(
                        rs.getObject("claim_id", UUID.class),
                        new Document(rs.getString("file_name"), rs.getString("content_type"), rs.getBytes("content"))))
                .optional()
                .orElseThrow(() -> Refusal.notFound("document-unknown", "document"));
        Claim claim = store.claim(row.getKey()).orElseThrow();
        if (!organisations.isOrganiser(me.id(), claim.enterpriseId()) && !reviews.mayReview(me, claim)) {
            throw Refusal.notFound("document-unknown", "document");
        }
        return row.getValue();
    }

    /** A stored file: its name, content type and bytes. */
    public record Document(String name, String contentType, byte[] content) {}

    private Kind checkClaim(ClaimSubmission s) {
        List<Violation> missing = new ArrayList<>();
        List<Violation> wrong = new ArrayList<>();
        Kind kind = null;
        if (s.kind() == null || s.kind().isBlank()) {
            missing.add(Violation.of("kind", "field-required", "kind"));
        } else {
            try {
                kind = Kind.valueOf(s.kind().strip());
            } catch (IllegalArgumentException e) {
                wrong.add(Violation.of("kind", "claim-kind-unknown"));
            }
        }
        if (kind == Kind.LABEL) {
            var scheme = s.labelScheme() == null
                    ? Optional.<LabelScheme>empty()
                    : labelSchemes().stream()
                            .filter(l -> l.code().equals(s.labelScheme()))
                            .findFirst();
            if (s.labelScheme() == null || s.labelScheme().isBlank()) {
                missing.add(Violation.of("labelScheme", "field-required", "labelScheme"));
            } else if (scheme.isEmpty()) {
                wrong.add(Violation.of("labelScheme", "label-scheme-unknown"));
            }
            text(s.certificateNumber(), "certificateNumber", 100, missing, wrong);
            if (scheme.isPresent() && scheme.get().graded()) {
                if (s.grade() == null) {
                    missing.add(Violation.of("grade", "field-required", "grade"));
                } else if (s.grade() < 1 || s.grade() > 5) {
                    wrong.add(Violation.of("grade", "label-grade-range"));
                }
            }
            LocalDate today = ProgrammeCalendar.dayOf(store.now());
            if (s.certificateExpiresOn() != null && !s.certificateExpiresOn().isAfter(today)) {
                wrong.add(Violation.of("certificateExpiresOn", "certificate-expired"));
            } else if (s.certificateExpiresOn() != null
                    && s.certificateExpiresOn().isAfter(today.plusYears(30))) {
                wrong.add(Violation.of("certificateExpiresOn", "certificate-date-range"));
            }
        } else if (kind == Kind.FOOTPRINT) {
            if (s.footprintKg() == null) {
                missing.add(Violation.of("footprintKg", "field-required", "footprintKg"));
            } else if (s.footprintKg().signum() < 0 || s.footprintKg().compareTo(new BigDecimal("100000")) > 0) {
                wrong.add(Violation.of("footprintKg", "footprint-range"));
            }
            oneOf(s.systemBoundary(), "systemBoundary", BOUNDARIES, missing, wrong);
            oneOf(s.standard(), "standard", STANDARDS, missing, wrong);
            int year = ProgrammeCalendar.dayOf(store.now()).getYear();
            if (s.dataYear() == null) {
                missing.add(Violation.of("dataYear", "field-required", "dataYear"));
            } else if (s.dataYear() < 2000 || s.dataYear() > year) {
                wrong.add(Violation.of("dataYear", "data-year-range", year));
            }
            text(s.verifier(), "verifier", 200, missing, wrong);
        }
        refuse(missing, wrong, "invalid-claim");
        return java.util.Objects.requireNonNull(kind);
    }

    private static Map<String, @Nullable Object> claimFields(Kind kind, ClaimSubmission s) {
        var fields = new java.util.HashMap<String, @Nullable Object>();
        boolean label = kind == Kind.LABEL;
        fields.put("scheme", label ? s.labelScheme() : null);
        fields.put("cert", label ? strip(s.certificateNumber()) : null);
        fields.put("grade", label ? s.grade() : null);
        fields.put("certEnd", label ? s.certificateExpiresOn() : null);
        fields.put("kg", label ? null : s.footprintKg());
        fields.put("boundary", label ? null : s.systemBoundary());
        fields.put("standard", label ? null : s.standard());
        fields.put("year", label ? null : s.dataYear());
        fields.put("verifier", label ? null : strip(s.verifier()));
        return fields;
    }

    private static @Nullable String strip(@Nullable String text) {
        return text == null ? null : text.strip();
    }

    private static String text(
            @Nullable String value, String field, int max, List<Violation> missing, List<Violation> wrong) {
        if (value == null || value.isBlank()) {
            missing.add(Violation.of(field, "field-required", field));
            return "";
        }
        if (value.strip().length() > max) {
            wrong.add(Violation.of(field, "text-too-long", max));
        }
        return value.strip();
    }

    private static void oneOf(
            @Nullable String value,
            String field,
            List<String> allowed,
            List<Violation> missing,
            List<Violation> wrong) {
        if (value == null || value.isBlank()) {
            missing.add(Violation.of(field, "field-required", field));
        } else if (!allowed.contains(value.strip())) {
            wrong.add(Violation.of(field, "value-unknown", value.strip()));
        }
    }

    static void refuse(List<Violation> missing, List<Violation> wrong, String code) {
        if (!missing.isEmpty()) {
            var all = new ArrayList<>(missing);
            all.addAll(wrong);
            throw Refusal.invalid(all);
        }
        if (!wrong.isEmpty()) {
            throw new Refusal(
                    Refusal.Kind.UNACCEPTABLE,
                    code,
                    wrong,
                    Map.of(),
                    String.join(
                            ", ",
                            wrong.stream().map(Violation::field).distinct().toList()));
        }
    }

    // ---- the public

    /** A product by barcode as the public sees it; unknown, or not yet reviewed, is a 404 either way. */
    public PublicProduct lookup(@Nullable String typedGtin) {
        String gtin = Gtin.parse(typedGtin, "gtin");
        Product product = store.productByGtin(gtin).orElseThrow(() -> Refusal.notFound("product-unknown", "gtin"));
        List<Claim> shown = store.claimsOf(product.id()).stream()
                .filter(c -> c.status().isPublic())
                .toList();
        if (shown.isEmpty()) {
            throw Refusal.notFound("product-unknown", "gtin");
        }
        var category = category(product.category()).orElseThrow();
        return new PublicProduct(
                product,
                views(shown),
                comparison(product, ProgrammeCalendar.dayOf(store.now())).orElse(null),
                category.baselineFactorId() != null,
                category.noBaselineReason());
    }

    /** Public products whose name or brand contains the words, at most 30, by name. */
    public List<Product> search(@Nullable String query) {
        if (query == null || query.isBlank()) {
            return List.of();
        }
        String words = query.strip();
        if (words.length() > 100) {
            throw Refusal.unacceptable("text-too-long", "q", 100);
        }
        if (Gtin.valid(words)) {
            return store.productByGtin(Gtin.parse(words, "q")).stream()
                    .filter(p -> isPublic(p.id()))
                    .toList();
        }
        String like = "%"
                + words.toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        return store.products("""
                (lower(p.name) like :like or lower(p.brand) like :like)
                and exists (select 1 from product_claim c where c.product_id = p.id and c.status in ('VERIFIED', 'DISPUTED'))
                order by p.name limit 30""", Map.of("like", like));
    }

    /** One reviewed claim as open data: the product, the claim's terms, its status and review, and its challenges. */
    public record OpenClaim(
            String gtin,
            String product,
            String brand,
            String enterprise,
            String category,
            Kind kind,
            ClaimStatus status,
            @Nullable String labelScheme,
            @Nullable Integer grade,
            @Nullable String certificateNumber,
            @Nullable BigDecimal footprintKgPerKg,
            @Nullable String systemBoundary,
            @Nullable String standard,
            @Nullable Integer dataYear,
            @Nullable String verifier,
            @Nullable String reviewedBy,
            @Nullable Instant verifiedAt,
            @Nullable Instant expiresAt,
            long challenges,
            long openChallenges) {}

    /** Every public (reviewed) claim, by product and submission: the open data journalists and researchers read. */
    public List<OpenClaim> openData() {
        var claims = store.claims("c.status in ('VERIFIED', 'DISPUTED') order by p.gtin, c.submitted_at", Map.of());
        var challenges = store.challengesOf(claims.stream().map(Claim::id).toList());
        var products = new java.util.HashMap<UUID, Product>();
        return claims.stream()
                .map(c -> {
                    Product p = products.computeIfAbsent(
                            c.productId(), id -> store.product(id).orElseThrow());
                    var list = challenges.getOrDefault(c.id(), List.of());
                    return new OpenClaim(
                            Gtin.printed(p.gtin()),
                            p.name(),
                            p.brand(),
                            p.enterprise(),
                            p.category(),
                            c.kind(),
                            c.status(),
                            c.labelScheme(),
                            c.grade(),
                            c.certificateNumber(),
                            c.footprintKg() == null ? null : c.footprintKg().stripTrailingZeros(),
                            c.systemBoundary(),
                            c.standard(),
                            c.dataYear(),
                            c.verifier(),
                            c.reviewerOrganisation(),
                            c.verifiedAt(),
                            c.expiresAt(),
                            list.size(),
                            list.stream()
                                    .filter(ch -> ch.status() == ChallengeStatus.OPEN)
                                    .count());
                })
                .toList();
    }

    private boolean isPublic(UUID productId) {
        return store.claimsOf(productId).stream().anyMatch(c -> c.status().isPublic());
    }

    List<ClaimView> views(List<Claim> claims) {
        var challenges = store.challengesOf(claims.stream().map(Claim::id).toList());
        return claims.stream()
                .map(c -> new ClaimView(c, store.steps(c.id()), challenges.getOrDefault(c.id(), List.of())))
                .toList();
    }

    /** The product's currently verified footprint disclosure, newest first, if any. */
    Optional<Claim> verifiedFootprint(UUID productId) {
        return store.claimsOf(productId).stream()
                .filter(c -> c.kind() == Kind.FOOTPRINT && c.status() == ClaimStatus.VERIFIED)
                .reduce((first, second) -> second);
    }

    /** The verified footprint against the category's baseline in the version in effect on a day, when both exist. */
    Optional<Comparison> comparison(Product product, LocalDate day) {
        var claim = verifiedFootprint(product.id());
        var baseline = baseline(product.category(), day);
        if (claim.isEmpty() || baseline.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal disclosed = java.util.Objects.requireNonNull(claim.get().footprintKg());
        var b = baseline.get();
        BigDecimal difference = b.kgPerUnit()
                .subtract(disclosed)
                .multiply(product.unitsPerItem())
                .setScale(3, RoundingMode.DOWN);
        return Optional.of(new Comparison(
                disclosed.stripTrailingZeros(),
                b.kgPerUnit().setScale(3, RoundingMode.HALF_UP),
                b.functionalUnit(),
                b.factorId(),
                b.factorName(),
                b.sourceId(),
                b.version(),
                difference));
    }

    /**
     * A category's typical footprint from the methodology: kg CO2e per functional unit, with its citation — the factor,
     * its source and the version in effect on the day.
     */
    record Baseline(
            BigDecimal kgPerUnit,
            String functionalUnit,
            String factorId,
            LocalizedText factorName,
            String sourceId,
            String version) {}

    /**
     * The category's baseline in the methodology version in effect on {@code day} (through the methodology's public
     * API, never a column of the registry): none when that version lists no baseline for the category, gives only the
     * reason it has none, or measures it per another unit than the registry's.
     */
    Optional<Baseline> baseline(String categoryCode, LocalDate day) {
        var category = category(categoryCode);
        var version = methodology.inEffectOn(day);
        if (category.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        var v = version.get();
        return v.productBaseline(categoryCode)
                .filter(b -> b.functionalUnit().equals(category.get().functionalUnit()))
                .flatMap(b -> Optional.ofNullable(b.factorId()))
                .flatMap(v::factor)
                .flatMap(f -> v.typicalFootprintKg(categoryCode)
                        .map(kg -> new Baseline(
                                kg, category.get().functionalUnit(), f.id(), f.name(), f.sourceId(), v.version())));
    }

    /**
     * Why a category has no baseline on a day, as a refusal: the methodology's own reason (in both languages), or that
     * the version in effect then has no category baselines at all (before 1.3.0).
     */
    Refusal noBaseline(String categoryCode, LocalDate day) {
        var version = methodology.inEffectOn(day);
        var reason = version.flatMap(v -> v.productBaseline(categoryCode))
                .map(MethodologyVersion.ProductBaseline::unsupportedReason);
        String number = version.map(MethodologyVersion::version).orElse("");
        if (reason.isPresent()) {
            LocalizedText why = reason.get();
            return new Refusal(
                    Refusal.Kind.UNACCEPTABLE,
                    "product-category-no-baseline",
                    List.of(Violation.of("gtin", "product-category-no-baseline", number, why.en(), why.zh())),
                    Map.of("methodologyVersion", number, "reason", why),
                    number,
                    why.en(),
                    why.zh());
        }
        return new Refusal(
                Refusal.Kind.UNACCEPTABLE,
                "product-baseline-not-in-version",
                List.of(Violation.of("gtin", "product-baseline-not-in-version", number, day.toString())),
                Map.of("methodologyVersion", number, "day", day.toString()),
                number,
                day.toString());
    }

    static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ProgrammeCalendar.ZONE).toInstant();
    }
}
