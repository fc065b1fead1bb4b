package org.lowcarbontogether.products;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.recording.RecordReview;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme office's view of the registry: per enterprise and per category, how many products there are, where
 * their claims stand, how many challenges were filed (and are open), and how many purchases were recorded and credited
 * with how much. Programme officers and administrators only.
 */
@Service
public class ProductOffice {

    /** The figures of one enterprise, one category or the whole registry. */
    public record Counts(
            long products,
            long inReview,
            long needsChanges,
            long verified,
            long expired,
            long disputed,
            long rejected,
            long challenges,
            long openChallenges,
            long purchases,
            long creditedPurchases,
            BigDecimal creditedKg) {}

    /** A line of the overview: an enterprise (its id) or a category (its code), with its names. */
    public record Line(String key, String nameEn, String nameZh, Counts counts) {
        public String name(boolean zh) {
            return zh ? nameZh : nameEn;
        }
    }

    /** The overview: enterprises (most products first), categories (in their order) and the total. */
    public record Overview(List<Line> enterprises, List<Line> categories, Counts total) {}

    private final JdbcClient jdbc;
    private final ProductStore store;
    private final Products products;
    private final Organisations organisations;
    private final RecordReview records;

    ProductOffice(
            JdbcClient jdbc, ProductStore store, Products products, Organisations organisations, RecordReview records) {
        this.jdbc = jdbc;
        this.store = store;
        this.products = products;
        this.organisations = organisations;
        this.records = records;
    }

    @Transactional(readOnly = true)
    public Overview overview(Actor me) {
        if (!me.hasRole(Role.PROGRAMME_OFFICER) && !me.hasRole(Role.ADMIN)) {
            throw Refusal.forbidden("not-programme-office", null);
        }
        Map<UUID, Tally> byEnterprise = new LinkedHashMap<>();
        Map<String, Tally> byCategory = new LinkedHashMap<>();
        products.categories().forEach(c -> byCategory.put(c.code(), new Tally()));
        Tally total = new Tally();
        jdbc.sql("select enterprise_id, category, count(*) n from product group by enterprise_id, category")
                .query(rs -> {
                    long n = rs.getLong("n");
                    for (Tally t : tallies(
                            rs.getObject("enterprise_id", UUID.class),
                            rs.getString("category"),
                            byEnterprise,
                            byCategory,
                            total)) {
                        t.products += n;
                    }
                });
        jdbc.sql("""
                        select p.enterprise_id, p.category, c.status,
                               (c.status = 'VERIFIED' and c.expires_at is not null and c.expires_at <= :now) expired,
                               count(*) n
                        from product_claim c join product p on p.id = c.product_id
                        group by 1, 2, 3, 4""").param("now", Timestamp.from(store.now())).query(rs -> {
            long n = rs.getLong("n");
            String status = rs.getString("status");
            boolean expired = rs.getBoolean("expired");
            for (Tally t : tallies(
                    rs.getObject("enterprise_id", UUID.class),
                    rs.getString("category"),
                    byEnterprise,
                    byCategory,
                    total)) {
                switch (status) {
                    case "SUBMITTED", "IN_REVIEW" -> t.inReview += n;
                    case "NEEDS_CHANGES" -> t.needsChanges += n;
                    case "VERIFIED" -> {
                        if (expired) {
                            t.expired += n;
                        } else {
                            t.verified += n;
                        }
                    }
                    case "DISPUTED" -> t.disputed += n;
                    default -> t.rejected += n;
                }
            }
        });
        jdbc.sql("""
                        select p.enterprise_id, p.category, count(*) n, count(*) filter (where ch.status = 'OPEN') open
                        from product_challenge ch join product_claim c on c.id = ch.claim_id
                            join product p on p.id = c.product_id
                        group by 1, 2""").query(rs -> {
            for (Tally t : tallies(
                    rs.getObject("enterprise_id", UUID.class),
                    rs.getString("category"),
                    byEnterprise,
                    byCategory,
                    total)) {
                t.challenges += rs.getLong("n");
                t.openChallenges += rs.getLong("open");
            }
        });
        record Bought(UUID enterprise, String category, UUID user, UUID record) {}
        List<Bought> bought = jdbc.sql("""
                        select p.enterprise_id, p.category, pp.user_id, pp.record_id
                        from product_purchase pp join product p on p.id = pp.product_id""")
                .query((rs, row) -> new Bought(
                        rs.getObject("enterprise_id", UUID.class),
                        rs.getString("category"),
                        rs.getObject("user_id", UUID.class),
                        rs.getObject("record_id", UUID.class)))
                .list();
        Map<UUID, Long> credited = records.creditedReductions(bought.stream()
                .map(b -> new RecordReview.RecordRef(b.user(), b.record()))
                .toList());
        for (Bought b : bought) {
            Long grams = credited.get(b.record());
            for (Tally t : tallies(b.enterprise(), b.category(), byEnterprise, byCategory, total)) {
                t.purchases++;
                if (grams != null) {
                    t.creditedPurchases++;
                    t.creditedGrams += grams;
                }
            }
        }
        List<Line> enterprises = new ArrayList<>();
        byEnterprise.forEach((id, t) -> {
            String name = organisations.get(id).name();
            enterprises.add(new Line(id.toString(), name, name, t.counts()));
        });
        enterprises.sort(
                Comparator.comparingLong((Line l) -> -l.counts().products()).thenComparing(Line::nameEn));
        List<Line> categories = new ArrayList<>();
        for (var c : products.categories()) {
            categories.add(new Line(
                    c.code(),
                    c.nameEn(),
                    c.nameZh(),
                    byCategory.getOrDefault(c.code(), new Tally()).counts()));
        }
        return new Overview(List.copyOf(enterprises), List.copyOf(categories), total.counts());
    }

    private static List<Tally> tallies(
            UUID enterprise,
            String category,
            Map<UUID, Tally> byEnterprise,
            Map<String, Tally> byCategory,
            Tally total) {
        return List.of(
                byEnterprise.computeIfAbsent(enterprise, e -> new Tally()),
                byCategory.computeIfAbsent(category, c -> new Tally()),
                total);
    }

    private static final class Tally {
        long products;
        long inReview;
        long needsChanges;
        long verified;
        long expired;
        long disputed;
        long rejected;
        long challenges;
        long openChallenges;
        long purchases;
        long creditedPurchases;
        long creditedGrams;

        Counts counts() {
            return new Counts(
                    products,
                    inReview,
                    needsChanges,
                    verified,
                    expired,
                    disputed,
                    rejected,
                    challenges,
                    openChallenges,
                    purchases,
                    creditedPurchases,
                    BigDecimal.valueOf(creditedGrams, 3));
        }
    }
}
