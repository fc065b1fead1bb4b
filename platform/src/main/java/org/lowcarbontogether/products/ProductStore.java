package org.lowcarbontogether.products;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.products.Products.Challenge;
import org.lowcarbontogether.products.Products.Claim;
import org.lowcarbontogether.products.Products.Evidence;
import org.lowcarbontogether.products.Products.Product;
import org.lowcarbontogether.products.Products.Step;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The products module's reads and its one write every service shares (a review step). */
@Component
class ProductStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;

    ProductStore(JdbcClient jdbc, Clock clock, Organisations organisations) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
    }

    Instant now() {
        return clock.instant();
    }

    Optional<Product> productByGtin(String gtin) {
        return jdbc.sql("select * from product where gtin = :gtin")
                .param("gtin", gtin)
                .query(this::productRow)
                .optional();
    }

    Optional<Product> product(UUID id) {
        return jdbc.sql("select * from product where id = :id")
                .param("id", id)
                .query(this::productRow)
                .optional();
    }

    List<Product> products(String where, Map<String, ?> params) {
        return jdbc.sql("select p.* from product p where " + where)
                .params(params)
                .query(this::productRow)
                .list();
    }

    private Product productRow(ResultSet rs, int row) throws SQLException {
        UUID enterprise = rs.getObject("enterprise_id", UUID.class);
        return new Product(
                rs.getObject("id", UUID.class),
                rs.getString("gtin"),
                enterprise,
                organisations.get(enterprise).name(),
                rs.getString("name"),
                rs.getString("brand"),
                rs.getString("category"),
                rs.getBigDecimal("units_per_item"),
                rs.getTimestamp("created_at").toInstant());
    }

    Optional<Claim> claim(UUID id) {
        return claims("c.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** A claim for an update: locked until the transaction ends, so two decisions cannot cross. */
    Claim lockClaim(UUID id) {
        if (jdbc.sql("select id from product_claim where id = :id for update")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isEmpty()) {
            throw Refusal.notFound("claim-unknown", "claim");
        }
        return claim(id).orElseThrow();
    }

    List<Claim> claimsOf(UUID productId) {
        return claims("c.product_id = :product order by c.submitted_at", Map.of("product", productId));
    }

    List<Claim> claims(String where, Map<String, ?> params) {
        List<Claim> claims =
                jdbc.sql("""
                        select c.*, p.gtin, p.enterprise_id from product_claim c join product p on p.id = c.product_id
                        where """ + " " + where).params(params).query(this::claimRow).list();
        if (claims.isEmpty()) {
            return claims;
        }
        Map<UUID, List<Evidence>> evidence = jdbc
                .sql("""
                        select id, claim_id, file_name, content_type, octet_length(content) as size, uploaded_at
                        from product_evidence where claim_id in (:ids) order by uploaded_at""")
                .param("ids", claims.stream().map(Claim::id).toList())
                .query((rs, row) -> Map.entry(
                        rs.getObject("claim_id", UUID.class),
                        new Evidence(
                                rs.getObject("id", UUID.class),
                                rs.getString("file_name"),
                                rs.getString("content_type"),
                                rs.getInt("size"),
                                rs.getTimestamp("uploaded_at").toInstant())))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return claims.stream()
                .map(c -> c.withEvidence(evidence.getOrDefault(c.id(), List.of())))
                .toList();
    }

    private Claim claimRow(ResultSet rs, int row) throws SQLException {
        ClaimStatus stored = ClaimStatus.valueOf(rs.getString("status"));
        Instant expires = instant(rs, "expires_at");
        ClaimStatus status = stored == ClaimStatus.VERIFIED && expires != null && !expires.isAfter(now())
                ? ClaimStatus.EXPIRED
                : stored;
        UUID reviewerOrg = rs.getObject("reviewer_organisation_id", UUID.class);
        java.sql.Date certificateEnd = rs.getDate("certificate_expires_on");
        return new Claim(
                rs.getObject("id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getString("gtin"),
                rs.getObject("enterprise_id", UUID.class),
                Products.Kind.valueOf(rs.getString("kind")),
                status,
                rs.getString("label_scheme"),
                rs.getString("certificate_number"),
                (Integer) rs.getObject("grade"),
                certificateEnd == null ? null : certificateEnd.toLocalDate(),
                rs.getBigDecimal("footprint_kg"),
                rs.getString("system_boundary"),
                rs.getString("standard"),
                (Integer) rs.getObject("data_year"),
                rs.getString("verifier"),
                rs.getTimestamp("submitted_at").toInstant(),
                reviewerOrg,
                reviewerOrg == null ? null : organisations.get(reviewerOrg).name(),
                instant(rs, "verified_at"),
                expires,
                List.of());
    }

    List<Step> steps(UUID claimId) {
        return jdbc.sql("select * from product_review_step where claim_id = :claim order by id")
                .param("claim", claimId)
                .query((rs, row) -> {
                    UUID org = rs.getObject("organisation_id", UUID.class);
                    String from = rs.getString("from_status");
                    return new Step(
                            rs.getTimestamp("at").toInstant(),
                            org == null ? null : organisations.get(org).name(),
                            from == null ? null : ClaimStatus.valueOf(from),
                            ClaimStatus.valueOf(rs.getString("to_status")),
                            rs.getString("reasons"),
                            strings(rs.getArray("checklist")));
                })
                .list();
    }

    void step(
            UUID claimId,
            Actor actor,
            @Nullable UUID organisationId,
            @Nullable ClaimStatus from,
            ClaimStatus to,
            @Nullable String reasons,
            List<String> checklist) {
        jdbc.sql("""
                        insert into product_review_step (claim_id, at, actor_id, organisation_id, from_status, to_status,
                            reasons, checklist)
                        values (:claim, :at, :actor, :org, :from, :to, :reasons, :checklist)""")
                .param("claim", claimId)
                .param("at", Timestamp.from(now()))
                .param("actor", actor.id())
                .param("org", organisationId)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("reasons", reasons)
                .param("checklist", checklist.toArray(String[]::new))
                .update();
    }

    List<Challenge> challenges(String where, Map<String, ?> params) {
        Instant now = now();
        return jdbc.sql("""
                        select id, claim_id, statement, evidence_url, document_name, filed_at, due_at, status, answer,
                            answered_at
                        from product_challenge where """ + " " + where)
                .params(params)
                .query((rs, row) -> {
                    Instant due = rs.getTimestamp("due_at").toInstant();
                    String status = rs.getString("status");
                    return new Challenge(
                            rs.getObject("id", UUID.class),
                            rs.getObject("claim_id", UUID.class),
                            rs.getString("statement"),
                            rs.getString("evidence_url"),
                            rs.getString("document_name"),
                            rs.getTimestamp("filed_at").toInstant(),
                            due,
                            Products.ChallengeStatus.valueOf(status),
                            rs.getString("answer"),
                            instant(rs, "answered_at"),
                            status.equals("OPEN") && due.isBefore(now));
                })
                .list();
    }

    Map<UUID, List<Challenge>> challengesOf(List<UUID> claimIds) {
        if (claimIds.isEmpty()) {
            return Map.of();
        }
        return challenges("claim_id in (:ids) order by filed_at", Map.of("ids", claimIds)).stream()
                .collect(Collectors.groupingBy(Challenge::claimId));
    }

    static <T> Map<String, T> byCode(List<T> list, Function<T, String> code) {
        return list.stream().collect(Collectors.toMap(code, t -> t));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return new ArrayList<>(
                Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList());
    }

    static @Nullable LocalDate date(java.sql.@Nullable Date date) {
        return date == null ? null : date.toLocalDate();
    }

    static @Nullable BigDecimal decimal(@Nullable BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }
}
