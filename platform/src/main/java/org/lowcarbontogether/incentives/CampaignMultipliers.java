package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.CampaignJoined;
import org.lowcarbontogether.campaigns.CampaignLaunched;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points multipliers of campaigns. Campaigns and their members are kept as {@code campaigns} announces them; an
 * organiser of a campaign's organisation sets its multiplier within the rules' bounds. A credit inside a campaign's
 * scope (behaviour, dates inclusive in programme time, region) by a person who had joined it earns the highest
 * applicable multiplier.
 */
@Service
public class CampaignMultipliers {

    /** A campaign as incentives sees it. */
    public record Campaign(
            UUID id,
            UUID organisationId,
            String name,
            List<String> behaviours,
            LocalDate startsOn,
            LocalDate endsOn,
            @Nullable String region,
            BigDecimal multiplier) {}

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final PointsRules rules;
    private final Clock clock;

    CampaignMultipliers(JdbcClient jdbc, Organisations organisations, PointsRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.rules = rules;
        this.clock = clock;
    }

    /** Keeps the campaign's latest scope; a multiplier already set stays. */
    @Transactional
    void launched(CampaignLaunched launched) {
        jdbc.sql("""
                        insert into incentive_campaign (campaign_id, organisation_id, name, behaviours, starts_on, ends_on, region)
                        values (:id, :org, :name, :behaviours, :starts, :ends, :region)
                        on conflict (campaign_id) do update set organisation_id = excluded.organisation_id, name = excluded.name,
                            behaviours = excluded.behaviours, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
                            region = excluded.region""")
                .param("id", launched.campaignId())
                .param("org", launched.organisationId())
                .param("name", launched.name())
                .param("behaviours", launched.behaviours().toArray(String[]::new))
                .param("starts", Date.valueOf(launched.startsOn()))
                .param("ends", Date.valueOf(launched.endsOn()))
                .param("region", launched.region())
                .update();
    }

    @Transactional
    void joined(CampaignJoined joined) {
        jdbc.sql("""
                        insert into incentive_campaign_member (user_id, campaign_id, joined_at) values (:user, :campaign, :at)
                        on conflict (user_id, campaign_id) do update set joined_at = least(incentive_campaign_member.joined_at, excluded.joined_at)""")
                .param("user", joined.userId())
                .param("campaign", joined.campaignId())
                .param("at", Timestamp.from(joined.joinedAt()))
                .update();
    }

    /** A campaign with a multiplier above 1 that a person joined, with its scope, as {@link #joinedBy} reads it. */
    record Joined(
            UUID campaignId,
            String name,
            BigDecimal multiplier,
            Instant joinedAt,
            LocalDate startsOn,
            LocalDate endsOn,
            List<String> behaviours,
            @Nullable String region) {

        /** Whether the person had joined by {@code bookedAt} and the campaign's scope covers the behaviour, day and region. */
        boolean covers(String behaviour, LocalDate day, @Nullable String activityRegion, Instant bookedAt) {
            return !joinedAt.isAfter(bookedAt)
                    && !day.isBefore(startsOn)
                    && !day.isAfter(endsOn)
                    && (behaviours.isEmpty() || behaviours.contains(behaviour))
                    // A campaign's region covers itself and its sub-regions ("CN-SH" covers "CN-SH-PD").
                    && (region == null
                            || activityRegion != null
                                    && (activityRegion.equals(region) || activityRegion.startsWith(region + "-")));
        }
    }

    /** The campaigns with a multiplier above 1 that each of these people has joined: one query for a batch of credits. */
    Memberships joinedBy(Collection<UUID> users) {
        var byUser = new HashMap<UUID, List<Joined>>();
        jdbc.sql("""
                        select m.user_id, c.campaign_id, c.name, c.multiplier, m.joined_at, c.starts_on, c.ends_on, c.behaviours, c.region
                        from incentive_campaign_member m join incentive_campaign c on c.campaign_id = m.campaign_id
                        where m.user_id = any(:users) and c.multiplier > 1""")
                .param(
                        "users",
                        new SqlArrayValue("uuid", users.stream().distinct().toArray()))
                .query(rs -> {
                    byUser.computeIfAbsent(rs.getObject("user_id", UUID.class), u -> new ArrayList<>())
                            .add(new Joined(
                                    rs.getObject("campaign_id", UUID.class),
                                    rs.getString("name"),
                                    rs.getBigDecimal("multiplier"),
                                    rs.getTimestamp("joined_at").toInstant(),
                                    rs.getDate("starts_on").toLocalDate(),
                                    rs.getDate("ends_on").toLocalDate(),
                                    Arrays.asList(
                                            (String[]) rs.getArray("behaviours").getArray()),
                                    rs.getString("region")));
                });
        return new Memberships(byUser);
    }

    /** The campaigns a batch's people joined, by person. */
    record Memberships(Map<UUID, List<Joined>> byUser) {

        /**
         * The highest multiplier above 1 among the campaigns the person had joined by {@code bookedAt} whose scope covers
         * the behaviour, the activity's day and its region; ties go to the campaign with the lowest id.
         */
        Optional<PointsCalculator.Campaign> best(
                UUID userId, String behaviour, LocalDate day, @Nullable String region, Instant bookedAt) {
            return byUser.getOrDefault(userId, List.of()).stream()
                    .filter(j -> j.covers(behaviour, day, region, bookedAt))
                    .max(Comparator.comparing(Joined::multiplier)
                            .thenComparing(Comparator.comparing(
                                            (Joined j) -> j.campaignId().toString())
                                    .reversed()))
                    .map(j -> new PointsCalculator.Campaign(j.campaignId(), j.name(), j.multiplier()));
        }
    }

    /** The campaigns of the organisations a person organises. */
    @Transactional(readOnly = true)
    public List<Campaign> organisedBy(UUID userId) {
        var ids = organisations.organisedBy(userId).stream()
                .map(Organisations.Organisation::id)
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select campaign_id, organisation_id, name, behaviours, starts_on, ends_on, region, multiplier
                        from incentive_campaign where organisation_id in (:orgs) order by starts_on desc, name""")
                .param("orgs", ids)
                .query((rs, n) -> new Campaign(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray()),
                        rs.getDate(5).toLocalDate(),
                        rs.getDate(6).toLocalDate(),
                        rs.getString(7),
                        rs.getBigDecimal(8)))
                .list();
    }

    /**
     * Sets a campaign's multiplier. Only an organiser of the campaign's organisation may (others are told the campaign
     * does not exist); the value must lie within the rules' bounds and has at most two decimals.
     */
    @Transactional
    public Campaign setMultiplier(UUID actorId, UUID campaignId, @Nullable BigDecimal multiplier) {
        var organisation = jdbc.sql("select organisation_id from incentive_campaign where campaign_id = :id")
                .param("id", campaignId)
                .query(UUID.class)
                .optional();
        if (organisation.isEmpty() || !organisations.isOrganiser(actorId, organisation.get())) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "campaign-unknown", (String) null, campaignId);
        }
        var current = rules.current();
        if (multiplier == null
                || multiplier.compareTo(current.campaignMultiplierMin()) < 0
                || multiplier.compareTo(current.campaignMultiplierMax()) > 0
                || multiplier.stripTrailingZeros().scale() > 2) {
            throw Refusal.unacceptable(
                    "multiplier-out-of-range",
                    "multiplier",
                    current.campaignMultiplierMin().stripTrailingZeros().toPlainString(),
                    current.campaignMultiplierMax().stripTrailingZeros().toPlainString());
        }
        jdbc.sql("""
                        update incentive_campaign set multiplier = :multiplier, multiplier_set_by = :actor, multiplier_set_at = :now
                        where campaign_id = :id""")
                .param("multiplier", multiplier.setScale(2, RoundingMode.UNNECESSARY))
                .param("actor", actorId)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", campaignId)
                .update();
        return organisedBy(actorId).stream()
                .filter(c -> c.id().equals(campaignId))
                .findFirst()
                .orElseThrow();
    }
}
