package org.lowcarbontogether.incentives;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.campaigns.CampaignJoined;
import org.lowcarbontogether.campaigns.CampaignLaunched;
import org.lowcarbontogether.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    public record Campaign(UUID id, UUID organisationId, String name, List<String> behaviours, LocalDate startsOn, LocalDate endsOn,
            @Nullable String region, BigDecimal multiplier) {}

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

    /**
     * The highest multiplier above 1 among the campaigns the person had joined by {@code bookedAt} whose scope covers
     * the behaviour, the activity's day and its region (a campaign's region covers itself and its sub-regions).
     */
    Optional<PointsCalculator.Campaign> best(UUID userId, String behaviour, LocalDate day, @Nullable String region, Instant bookedAt) {
        return jdbc.sql("""
                        select c.campaign_id, c.name, c.multiplier from incentive_campaign c
                        join incentive_campaign_member m on m.campaign_id = c.campaign_id and m.user_id = :user
                        where m.joined_at <= :bookedAt and c.multiplier > 1
                          and :day between c.starts_on and c.ends_on
                          and (cardinality(c.behaviours) = 0 or :behaviour = any(c.behaviours))
                          and (c.region is null or c.region = :region or :region like c.region || '-%')
                        order by c.multiplier desc, c.campaign_id limit 1""")
                .param("user", userId)
                .param("bookedAt", Timestamp.from(bookedAt))
                .param("day", Date.valueOf(day))
                .param("behaviour", behaviour)
                .param("region", region == null ? "" : region)
                .query((rs, n) -> new PointsCalculator.Campaign(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3)))
                .optional();
    }

    /** The campaigns of the organisations a person organises. */
    @Transactional(readOnly = true)
    public List<Campaign> organisedBy(UUID userId) {
        var ids = organisations.organisedBy(userId).stream().map(Organisations.Organisation::id).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select campaign_id, organisation_id, name, behaviours, starts_on, ends_on, region, multiplier
                        from incentive_campaign where organisation_id in (:orgs) order by starts_on desc, name""")
                .param("orgs", ids)
                .query((rs, n) -> new Campaign(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(),
                        rs.getString(7), rs.getBigDecimal(8)))
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
            throw new ProblemException(HttpStatus.NOT_FOUND, "campaign-unknown", (String) null, campaignId);
        }
        var current = rules.current();
        if (multiplier == null || multiplier.compareTo(current.campaignMultiplierMin()) < 0
                || multiplier.compareTo(current.campaignMultiplierMax()) > 0 || multiplier.stripTrailingZeros().scale() > 2) {
            throw ProblemException.unprocessable("multiplier-out-of-range", "multiplier",
                    current.campaignMultiplierMin().stripTrailingZeros().toPlainString(), current.campaignMultiplierMax().stripTrailingZeros().toPlainString());
        }
        jdbc.sql("""
                        update incentive_campaign set multiplier = :multiplier, multiplier_set_by = :actor, multiplier_set_at = :now
                        where campaign_id = :id""")
                .param("multiplier", multiplier.setScale(2, RoundingMode.UNNECESSARY))
                .param("actor", actorId)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", campaignId)
                .update();
        return organisedBy(actorId).stream().filter(c -> c.id().equals(campaignId)).findFirst().orElseThrow();
    }
}
