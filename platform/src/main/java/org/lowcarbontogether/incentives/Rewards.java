package org.lowcarbontogether.incentives;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reward catalogue. Sponsor organisations list rewards with a cost in points, stock and validity; a reward may be
 * restricted to a minimum level, age groups, the members of a community or of a campus association. Only organisers
 * of a reward's organisation may change it, upload its codes or see its redemptions; to anyone else it does not exist.
 */
@Service
public class Rewards {

    /** The kinds of reward sponsors offer. */
    public enum Kind {
        GOODS,
        VOUCHER,
        DONATION,
        TREE_PLANTING,
        CERTIFICATE,
        EXPERIENCE,
        EVENT_TICKET,
        CAMPUS_CREDIT;

        /** Nothing physical runs out: the sponsor may leave the stock unlimited. */
        public boolean mayBeUnlimited() {
            return this == DONATION || this == TREE_PLANTING || this == CERTIFICATE;
        }

        /** The redemption is a donation made on the participant's behalf. */
        public boolean isDonation() {
            return this == DONATION || this == TREE_PLANTING;
        }
    }

    /** Age groups a participant may state, and a reward may be restricted to. */
    public enum AgeGroup {
        UNDER_18,
        AGE_18_24,
        AGE_25_34,
        AGE_35_54,
        AGE_55_PLUS
    }

    /** A reward as listed. {@code stock} null means unlimited; for vouchers it is the number of codes not yet issued. */
    public record Reward(
            UUID id,
            UUID organisationId,
            String organisationName,
            Kind kind,
            LocalizedText name,
            LocalizedText description,
            long costPoints,
            @Nullable Integer stock,
            LocalDate validFrom,
            LocalDate validUntil,
            int minLevel,
            List<AgeGroup> ageGroups,
            @Nullable UUID communityId,
            @Nullable UUID campusOrganisationId,
            @Nullable String campusName,
            @Nullable BigDecimal donationAmount,
            @Nullable String donationRecipient) {

        public boolean restricted() {
            return minLevel > 1 || !ageGroups.isEmpty() || communityId != null || campusOrganisationId != null;
        }
    }

    /** What a sponsor fills in to list or change a reward. */
    public record Draft(
            @Nullable Kind kind,
            @Nullable String nameEn,
            @Nullable String nameZh,
            @Nullable String descriptionEn,
            @Nullable String descriptionZh,
            @Nullable Long costPoints,
            @Nullable Integer stock,
            @Nullable LocalDate validFrom,
            @Nullable LocalDate validUntil,
            @Nullable Integer minLevel,
            @Nullable List<AgeGroup> ageGroups,
            @Nullable UUID communityId,
            boolean campusOnly,
            @Nullable BigDecimal donationAmount,
            @Nullable String donationRecipient) {}

    /** Who is asking, for eligibility: their level, points, age group, communities and organisations. */
    public record Participant(
            UUID userId,
            int level,
            long balance,
            @Nullable AgeGroup ageGroup,
            Set<UUID> communities,
            Set<UUID> organisations) {}

    /** Why a participant may not redeem a reward now: a problem code, what kind of refusal it is, and arguments. */
    public record Ineligibility(String code, Refusal.Kind kind, List<Object> args) {
        public Refusal refusal() {
            return new Refusal(kind, code, List.of(), Map.of("reason", code), args.toArray());
        }
    }

    static final int MAX_NAME = 120;
    static final int MAX_DESCRIPTION = 2000;
    static final long MAX_COST = 1_000_000;

    private static final String COLUMNS = """
            id, organisation_id, kind, name_en, name_zh, description_en, description_zh, cost_points, stock, valid_from,
            valid_until, min_level, age_groups, community_id, campus_organisation_id, donation_amount, donation_recipient""";

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Points points;
    private final PointsRules rules;
    private final Clock clock;

    Rewards(JdbcClient jdbc, Organisations organisations, Points points, PointsRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.points = points;
        this.rules = rules;
        this.clock = clock;
    }

    public LocalDate today() {
        return ProgrammeCalendar.today(clock);
    }

    /** Rewards that can be redeemed now or later, cheapest first. */
    @Transactional(readOnly = true)
    public List<Reward> catalogue() {
        return list(
                jdbc.sql("select " + COLUMNS + " from reward where valid_until >= :today order by cost_points, name_en")
                        .param("today", Date.valueOf(today())));
    }

    @Transactional(readOnly = true)
    public Optional<Reward> find(UUID id) {
        return list(jdbc.sql("select " + COLUMNS + " from reward where id = :id")
                        .param("id", id))
                .stream()
                .findFirst();
    }

    /** The rewards of the organisations a person organises (sponsors see their own only). */
    @Transactional(readOnly = true)
    public List<Reward> sponsoredBy(UUID actorId) {
        var ids = organisations.organisedBy(actorId).stream()
                .map(Organisations.Organisation::id)
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return list(jdbc.sql("select " + COLUMNS
                        + " from reward where organisation_id in (:orgs) order by valid_until desc, name_en")
                .param("orgs", ids));
    }

    /** A reward its organiser may manage; anyone else is told it does not exist. */
    @Transactional(readOnly = true)
    public Reward sponsored(UUID actorId, UUID rewardId) {
        return find(rewardId)
                .filter(r -> organisations.isOrganiser(actorId, r.organisationId()))
                .orElseThrow(() -> unknown(rewardId));
    }

    static Refusal unknown(UUID rewardId) {
        return new Refusal(Refusal.Kind.NOT_FOUND, "reward-unknown", (String) null, rewardId);
    }

    @Transactional
    public Reward create(UUID actorId, UUID organisationId, Draft draft) {
        var organisation = organisations.organisedBy(actorId).stream()
                .filter(o -> o.id().equals(organisationId))
                .findFirst()
                .orElseThrow(() -> new Refusal(Refusal.Kind.FORBIDDEN, "not-sponsor", "organisationId"));
        check(draft, organisation, true);
        UUID id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into reward (id, organisation_id, kind, name_en, name_zh, description_en, description_zh, cost_points,
                            stock, valid_from, valid_until, min_level, age_groups, community_id, campus_organisation_id,
                            donation_amount, donation_recipient, created_by, created_at, updated_at)
                        values (:id, :org, :kind, :nameEn, :nameZh, :descriptionEn, :descriptionZh, :cost, :stock, :from, :until,
                            :minLevel, :ageGroups, :community, :campus, :amount, :recipient, :actor, :now, :now)""")
                .param("id", id)
                .param("org", organisationId)
                .param(
                        "kind",
                        Objects.requireNonNull(draft.kind(), "checked above").name())
                .params(values(draft, organisation, draft.kind() == Kind.VOUCHER ? Integer.valueOf(0) : draft.stock()))
                .param("actor", actorId)
                .param("now", now)
                .update();
        return find(id).orElseThrow();
    }

    /** Changes a reward. The kind stays; a voucher's stock stays the number of unissued codes. */
    @Transactional
    public Reward update(UUID actorId, UUID rewardId, Draft draft) {
        Reward existing = sponsored(actorId, rewardId);
        var organisation = organisations.organisedBy(actorId).stream()
                .filter(o -> o.id().equals(existing.organisationId()))
                .findFirst()
                .orElseThrow();
        var same = new Draft(
                existing.kind(),
                draft.nameEn(),
                draft.nameZh(),
                draft.descriptionEn(),
                draft.descriptionZh(),
                draft.costPoints(),
                draft.stock(),
                draft.validFrom(),
                draft.validUntil(),
                draft.minLevel(),
                draft.ageGroups(),
                draft.communityId(),
                draft.campusOnly(),
                draft.donationAmount(),
                draft.donationRecipient());
        check(same, organisation, false);
        jdbc.sql("""
                        update reward set name_en = :nameEn, name_zh = :nameZh, description_en = :descriptionEn,
                            description_zh = :descriptionZh, cost_points = :cost,
                            stock = case when kind = 'VOUCHER' then stock else :stock end,
                            valid_from = :from, valid_until = :until, min_level = :minLevel, age_groups = :ageGroups,
                            community_id = :community, campus_organisation_id = :campus, donation_amount = :amount,
                            donation_recipient = :recipient, updated_at = :now
                        where id = :id""")
                .params(values(same, organisation, same.stock()))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", rewardId)
                .update();
        return find(rewardId).orElseThrow();
    }

    private static Map<String, @Nullable Object> values(
            Draft draft, Organisations.Organisation organisation, @Nullable Integer stock) {
        // the draft was checked (see check): its kind, names and descriptions are there
        Kind kind = Objects.requireNonNull(draft.kind());
        Map<String, @Nullable Object> values = new HashMap<>();
        values.put("nameEn", Objects.requireNonNull(draft.nameEn()).strip());
        values.put("nameZh", Objects.requireNonNull(draft.nameZh()).strip());
        values.put(
                "descriptionEn", Objects.requireNonNull(draft.descriptionEn()).strip());
        values.put(
                "descriptionZh", Objects.requireNonNull(draft.descriptionZh()).strip());
        values.put("cost", draft.costPoints());
        values.put("stock", stock);
        values.put("from", Date.valueOf(draft.validFrom()));
        values.put("until", Date.valueOf(draft.validUntil()));
        values.put("minLevel", draft.minLevel() == null ? 1 : draft.minLevel());
        values.put(
                "ageGroups",
                draft.ageGroups() == null || draft.ageGroups().isEmpty()
                        ? null
                        : draft.ageGroups().stream()
                                .distinct()
                                .map(AgeGroup::name)
                                .toArray(String[]::new));
        values.put("community", draft.communityId());
        values.put("campus", draft.campusOnly() ? organisation.id() : null);
        values.put("amount", kind.isDonation() ? draft.donationAmount() : null);
        values.put(
                "recipient",
                kind.isDonation()
                        ? Objects.requireNonNull(draft.donationRecipient()).strip()
                        : null);
        return values;
    }

    /** Checks every field and reports all problems together (400 with one error per field). */
    private void check(Draft draft, Organisations.Organisation organisation, boolean creating) {
        List<Violation> violations = new ArrayList<>();
        if (draft.kind() == null) {
            violations.add(Violation.of("kind", "reward-field-required"));
        }
        text(violations, "nameEn", draft.nameEn(), MAX_NAME);
        text(violations, "nameZh", draft.nameZh(), MAX_NAME);
        text(violations, "descriptionEn", draft.descriptionEn(), MAX_DESCRIPTION);
        text(violations, "descriptionZh", draft.descriptionZh(), MAX_DESCRIPTION);
        if (draft.costPoints() == null || draft.costPoints() < 1 || draft.costPoints() > MAX_COST) {
            violations.add(Violation.of("costPoints", "reward-cost-range", MAX_COST));
        }
        if (draft.kind() != null && draft.kind() != Kind.VOUCHER) {
            if (draft.stock() == null && !draft.kind().mayBeUnlimited()) {
                violations.add(Violation.of("stock", "reward-stock-required"));
            } else if (draft.stock() != null && draft.stock() < 0) {
                violations.add(Violation.of("stock", "reward-stock-negative"));
            }
        }
        if (draft.validFrom() == null) {
            violations.add(Violation.of("validFrom", "reward-field-required"));
        }
        if (draft.validUntil() == null) {
            violations.add(Violation.of("validUntil", "reward-field-required"));
        } else if (draft.validFrom() != null && draft.validUntil().isBefore(draft.validFrom())) {
            violations.add(Violation.of("validUntil", "reward-validity"));
        } else if (creating && draft.validUntil().isBefore(today())) {
            violations.add(Violation.of("validUntil", "reward-validity-past"));
        }
        int levels = rules.current().levels().size();
        if (draft.minLevel() != null && (draft.minLevel() < 1 || draft.minLevel() > levels)) {
            violations.add(Violation.of("minLevel", "reward-level-range", levels));
        }
        if (draft.campusOnly() && organisation.kind() != Organisations.Kind.CAMPUS_ASSOCIATION) {
            violations.add(Violation.of("campusOnly", "reward-campus-only"));
        }
        if (draft.kind() != null && draft.kind().isDonation()) {
            if (draft.donationAmount() == null
                    || draft.donationAmount().signum() <= 0
                    || draft.donationAmount().stripTrailingZeros().scale() > 2) {
                violations.add(Violation.of("donationAmount", "reward-donation-amount"));
            }
            text(violations, "donationRecipient", draft.donationRecipient(), MAX_NAME);
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
    }

    private static void text(List<Violation> violations, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "reward-field-required"));
        } else if (value.strip().length() > max) {
            violations.add(Violation.of(field, "reward-field-too-long", max));
        }
    }

    /** The outcome of a code upload: codes added, and codes skipped because the reward had them already. */
    public record CodeUpload(int added, int duplicates) implements Serializable {}

    /**
     * Adds single-use codes to a voucher reward from a CSV (one code per line, first column; a header {@code code} is
     * skipped). A code the reward already has is skipped. The stock grows by the codes added, in the same transaction.
     */
    @Transactional
    public CodeUpload uploadCodes(UUID actorId, UUID rewardId, Reader csv) {
        Reward reward = sponsored(actorId, rewardId);
        if (reward.kind() != Kind.VOUCHER) {
            throw Refusal.unacceptable("reward-not-voucher", "file");
        }
        Set<String> codes = new LinkedHashSet<>();
        try {
            for (var record : CSVFormat.DEFAULT
                    .builder()
                    .setIgnoreEmptyLines(true)
                    .setTrim(true)
                    .get()
                    .parse(csv)) {
                String code = record.get(0);
                if (code.isEmpty() || (record.getRecordNumber() == 1 && code.equalsIgnoreCase("code"))) {
                    continue;
                }
                if (code.length() > 200 || !code.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    throw Refusal.unacceptable("voucher-code-invalid", "file", record.getRecordNumber());
                }
                codes.add(code);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw Refusal.unacceptable("voucher-csv-unreadable", "file");
        }
        if (codes.isEmpty()) {
            throw Refusal.unacceptable("voucher-csv-empty", "file");
        }
        if (codes.size() > 100_000) {
            throw Refusal.unacceptable("voucher-csv-too-large", "file", 100_000);
        }
        var now = Timestamp.from(clock.instant());
        int added = 0;
        for (String code : codes) {
            added += jdbc.sql("""
                            insert into voucher_code (reward_id, id, code, uploaded_at) values (:reward, :id, :code, :now)
                            on conflict (reward_id, code) do nothing""")
                    .param("reward", rewardId)
                    .param("id", UUID.randomUUID())
                    .param("code", code)
                    .param("now", now)
                    .update();
        }
        jdbc.sql("update reward set stock = stock + :added, updated_at = :now where id = :id")
                .param("added", added)
                .param("now", now)
                .param("id", rewardId)
                .update();
        return new CodeUpload(added, codes.size() - added);
    }

    /** Codes of a voucher reward: uploaded, issued. */
    @Transactional(readOnly = true)
    public long[] codeCounts(UUID rewardId) {
        return jdbc.sql("select count(*), count(issued_to) from voucher_code where reward_id = :id")
                .param("id", rewardId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    /** The participant's age group, if they told us. */
    @Transactional(readOnly = true)
    public Optional<AgeGroup> ageGroup(UUID userId) {
        return jdbc.sql("select age_group from incentive_profile where user_id = :user")
                .param("user", userId)
                .query(String.class)
                .optional()
                .map(AgeGroup::valueOf);
    }

    @Transactional
    public void setAgeGroup(UUID userId, AgeGroup ageGroup) {
        jdbc.sql("""
                        insert into incentive_profile (user_id, age_group, updated_at) values (:user, :group, :now)
                        on conflict (user_id) do update set age_group = excluded.age_group, updated_at = excluded.updated_at""")
                .param("user", userId)
                .param("group", ageGroup.name())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Everything eligibility depends on, read once per request. */
    @Transactional(readOnly = true)
    public Participant participant(UUID userId) {
        var summary = points.summary(userId);
        return participant(userId, summary.lifetimeEarned(), summary.balance());
    }

    Participant participant(UUID userId, long lifetimeEarned, long balance) {
        Set<UUID> communities = Set.copyOf(
                jdbc.sql("select community_id from incentive_community_member where user_id = :user and member")
                        .param("user", userId)
                        .query(UUID.class)
                        .list());
        Set<UUID> memberOf = organisations.of(userId).stream()
                .map(Organisations.Organisation::id)
                .collect(Collectors.toSet());
        return new Participant(
                userId,
                rules.current().levelFor(lifetimeEarned).level(),
                balance,
                ageGroup(userId).orElse(null),
                communities,
                memberOf);
    }

    /**
     * Why a participant may not redeem a reward today, checked in this order: validity (422), eligibility (422),
     * points (409), stock (409). Empty when they may.
     */
    public Optional<Ineligibility> ineligibility(Reward reward, Participant participant, LocalDate today) {
        if (today.isAfter(reward.validUntil())) {
            return Optional.of(new Ineligibility(
                    "reward-expired",
                    Refusal.Kind.UNACCEPTABLE,
                    List.of(reward.validUntil().toString())));
        }
        if (today.isBefore(reward.validFrom())) {
            return Optional.of(new Ineligibility(
                    "reward-not-yet-valid",
                    Refusal.Kind.UNACCEPTABLE,
                    List.of(reward.validFrom().toString())));
        }
        if (participant.level() < reward.minLevel()) {
            return Optional.of(new Ineligibility(
                    "not-eligible-level", Refusal.Kind.UNACCEPTABLE, List.of(reward.minLevel(), participant.level())));
        }
        if (!reward.ageGroups().isEmpty()
                && (participant.ageGroup() == null || !reward.ageGroups().contains(participant.ageGroup()))) {
            return Optional.of(new Ineligibility(
                    participant.ageGroup() == null ? "not-eligible-age-unknown" : "not-eligible-age",
                    Refusal.Kind.UNACCEPTABLE,
                    List.of()));
        }
        if (reward.communityId() != null && !participant.communities().contains(reward.communityId())) {
            return Optional.of(new Ineligibility("not-eligible-community", Refusal.Kind.UNACCEPTABLE, List.of()));
        }
        if (reward.campusOrganisationId() != null
                && !participant.organisations().contains(reward.campusOrganisationId())) {
            return Optional.of(new Ineligibility(
                    "not-eligible-campus",
                    Refusal.Kind.UNACCEPTABLE,
                    List.of(reward.campusName() == null ? "" : reward.campusName())));
        }
        if (participant.balance() < reward.costPoints()) {
            return Optional.of(new Ineligibility(
                    "insufficient-points", Refusal.Kind.CONFLICT, List.of(reward.costPoints(), participant.balance())));
        }
        if (reward.stock() != null && reward.stock() <= 0) {
            return Optional.of(new Ineligibility("out-of-stock", Refusal.Kind.CONFLICT, List.of()));
        }
        return Optional.empty();
    }

    private List<Reward> list(JdbcClient.StatementSpec statement) {
        Map<UUID, String> names = organisations.all().stream()
                .collect(Collectors.toMap(
                        Organisations.Organisation::id, Organisations.Organisation::name, (a, b) -> a));
        return statement.query((rs, n) -> map(rs, names::get)).list();
    }

    private static Reward map(ResultSet rs, Function<UUID, @Nullable String> names) throws SQLException {
        UUID organisation = rs.getObject("organisation_id", UUID.class);
        UUID campus = rs.getObject("campus_organisation_id", UUID.class);
        var ageGroups = rs.getArray("age_groups");
        String organisationName = names.apply(organisation);
        return new Reward(
                rs.getObject("id", UUID.class),
                organisation,
                organisationName == null ? "" : organisationName,
                Kind.valueOf(rs.getString("kind")),
                new LocalizedText(rs.getString("name_en"), rs.getString("name_zh")),
                new LocalizedText(rs.getString("description_en"), rs.getString("description_zh")),
                rs.getLong("cost_points"),
                (Integer) rs.getObject("stock"),
                rs.getDate("valid_from").toLocalDate(),
                rs.getDate("valid_until").toLocalDate(),
                rs.getInt("min_level"),
                ageGroups == null
                        ? List.of()
                        : Arrays.stream((String[]) ageGroups.getArray())
                                .map(AgeGroup::valueOf)
                                .toList(),
                rs.getObject("community_id", UUID.class),
                campus,
                campus == null ? null : names.apply(campus),
                rs.getBigDecimal("donation_amount"),
                rs.getString("donation_recipient"));
    }
}
