package org.lowcarbontogether.campaigns;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.account.Pupils;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.communities.Participation.Scope;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.methodology.Regions;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns owned by organisations: which behaviours count, over which period, where and for whom; goals with
 * progress; teams. A behaviour counts in a campaign when its person had joined and it falls in the campaign's scope.
 */
@Service
public class Campaigns {

    /** Teams stay small, as Love to Ride's do, so that every member matters. */
    public static final int TEAM_SIZE = 10;

    /** The programme's formats; each fills in a sensible scope that the organiser can change. */
    public enum Template {
        CUSTOM(List.of(), 30),
        GREEN_GRADUATION(
                List.of(
                        "PASS_ON_BOOKS",
                        "DONATE_CLOTHES",
                        "PASS_ON_ELECTRONICS",
                        "SECOND_HAND_CLOTHES",
                        "SECOND_HAND_ELECTRONICS"),
                30),
        CAR_FREE_WEEK(
                List.of(
                        "WALK_INSTEAD_OF_CAR",
                        "CYCLE_INSTEAD_OF_CAR",
                        "BUS_INSTEAD_OF_CAR",
                        "METRO_INSTEAD_OF_CAR",
                        "BIKE_SHARE_INSTEAD_OF_CAR",
                        "CAR_FREE_DAY",
                        "CARPOOL_INSTEAD_OF_DRIVING"),
                7),
        CYCLING_MONTH(List.of("CYCLE_INSTEAD_OF_CAR", "BIKE_SHARE_INSTEAD_OF_CAR", "SHARED_EBIKE_INSTEAD_OF_CAR"), 30),
        CLEAN_PLATE(List.of("CLEAN_PLATE", "ORDER_SMALL_PORTION", "NO_DISPOSABLE_CUTLERY", "BRING_OWN_CUP"), 30);

        private final List<String> behaviours;
        private final int days;

        Template(List<String> behaviours, int days) {
            this.behaviours = behaviours;
            this.days = days;
        }

        public List<String> behaviours() {
            return behaviours;
        }

        public int days() {
            return days;
        }
    }

    public record Campaign(
            UUID id,
            UUID organisationId,
            String organisationName,
            String name,
            String description,
            Template template,
            List<String> behaviours,
            LocalDate startsOn,
            LocalDate endsOn,
            @Nullable String region,
            @Nullable UUID audienceCommunityId,
            @Nullable Long goalBehaviours,
            @Nullable Long goalGrams,
            @Nullable Long goalParticipants,
            @Nullable BigDecimal replacementRate) {

        public boolean covers(String behaviour, LocalDate day, @Nullable String recordRegion) {
            return !day.isBefore(startsOn)
                    && !day.isAfter(endsOn)
                    && (behaviours.isEmpty() || behaviours.contains(behaviour))
                    && (region == null || Regions.chain(recordRegion).contains(region));
        }

        public boolean over(LocalDate today) {
            return today.isAfter(endsOn);
        }

        public boolean greenGraduation() {
            return template == Template.GREEN_GRADUATION;
        }
    }

    public record CampaignForm(
            @Nullable UUID organisationId,
            @Nullable String name,
            @Nullable String description,
            @Nullable String template,
            @Nullable List<String> behaviours,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable String region,
            @Nullable UUID audienceCommunityId,
            @Nullable Long goalBehaviours,
            @Nullable Long goalGrams,
            @Nullable Long goalParticipants,
            @Nullable BigDecimal replacementRate) {}

    public record Team(UUID id, String name, long members) {}

    /** One goal: its target and how far the campaign has come. */
    public record Goal(String measure, long target, long reached) {
        public int percent() {
            return target <= 0 ? 0 : (int) Math.min(100, reached * 100 / target);
        }
    }

    public record Progress(Participation.Metrics metrics, List<Goal> goals) {}

    public record TeamStanding(
            int rank,
            UUID teamId,
            String name,
            long members,
            long activeMembers,
            long behaviours,
            long grams,
            long gramsPerMember) {}

    public record CommunityStanding(int rank, UUID communityId, String name, long members, long taking, double rate) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Organisations organisations;
    private final Communities communities;
    private final Participation participation;
    private final Methodology methodology;
    private final ApplicationEventPublisher events;
    private final Pupils pupils;

    Campaigns(
            JdbcClient jdbc,
            Clock clock,
            Organisations organisations,
            Communities communities,
            Participation participation,
            Methodology methodology,
            ApplicationEventPublisher events,
            Pupils pupils) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.organisations = organisations;
        this.communities = communities;
        this.participation = participation;
        this.methodology = methodology;
        this.events = events;
        this.pupils = pupils;
    }

    @Transactional
    public Campaign create(Actor me, CampaignForm form) {
        if (form.organisationId() == null) {
            throw Refusal.invalid(List.of(Violation.of("organisationId", "field-required", "organisationId")));
        }
        organisations.requireOrganiser(me, form.organisationId());
        Valid valid = check(form, form.organisationId());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into campaign (id, organisation_id, name, description, template, behaviours, starts_on, ends_on, region,
                            audience_community_id, goal_behaviours, goal_grams, goal_participants, replacement_rate, created_by, created_at)
                        values (:id, :org, :name, :description, :template, :behaviours, :starts, :ends, :region, :audience,
                            :goalBehaviours, :goalGrams, :goalParticipants, :rate, :by, :now)""")
                .param("id", id)
                .param("org", form.organisationId())
                .params(valid.params())
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return launched(get(id));
    }

    @Transactional
    public Campaign update(Actor me, UUID id, CampaignForm form) {
        Campaign campaign = manageable(me, id);
        Valid valid = check(form, campaign.organisationId());
        jdbc.sql("""
                        update campaign set name = :name, description = :description, template = :template, behaviours = :behaviours,
                            starts_on = :starts, ends_on = :ends, region = :region, audience_community_id = :audience,
                            goal_behaviours = :goalBehaviours, goal_grams = :goalGrams, goal_participants = :goalParticipants,
                            replacement_rate = :rate
                        where id = :id""").param("id", id).params(valid.params()).update();
        return launched(get(id));
    }

    private Campaign launched(Campaign campaign) {
        events.publishEvent(new CampaignLaunched(
                campaign.id(),
                campaign.organisationId(),
                campaign.name(),
                campaign.behaviours(),
                campaign.startsOn(),
                campaign.endsOn(),
                campaign.region()));
        return campaign;
    }

    public Optional<Campaign> find(UUID id) {
        return jdbc.sql(SELECT + " where c.id = :id")
                .param("id", id)
                .query(this::campaign)
                .optional();
    }

    public Campaign get(UUID id) {
        return find(id).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "campaign-unknown", "id", id));
    }

    /** A campaign the caller runs: 404 if unknown, 403 if it is another organisation's. */
    public Campaign manageable(Actor me, UUID id) {
        Campaign campaign = get(id);
        organisations.requireOrganiser(me, campaign.organisationId());
        return campaign;
    }

    /** Below this many participants a campaign's figures are for its participants and organisers only. */
    public static final int PUBLIC_MINIMUM = 10;

    /**
     * Whether the caller may see a campaign's figures and leaderboards: its participants and organisers always; anyone
     * else once at least {@value #PUBLIC_MINIMUM} people have taken part, so a small group's activity is not public.
     */
    public boolean figuresVisibleTo(@Nullable Actor me, Campaign campaign) {
        if (me != null
                && (mayManage(me, campaign) || participation.isParticipant(Scope.campaign(campaign.id()), me.id()))) {
            return true;
        }
        if (me != null
                && coOrganisers(campaign.id()).stream()
                        .anyMatch(co -> organisations.isOrganiser(me.id(), co.organisationId()))) {
            return true;
        }
        return participation.metrics(Scope.campaign(campaign.id())).everJoined() >= PUBLIC_MINIMUM;
    }

    /** An organisation that runs a campaign together with its owner (a coalition's member in a joint campaign). */
    public record CoOrganiser(UUID organisationId, String name) {}

    /** The organisations running this campaign with its owner, by name. */
    public List<CoOrganiser> coOrganisers(UUID campaignId) {
        return jdbc.sql("""
                        select o.id, o.name from campaign_co_organiser co join organisation o on o.id = co.organisation_id
                        where co.campaign_id = :id order by o.name""")
                .param("id", campaignId)
                .query((rs, n) -> new CoOrganiser(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    /**
     * Names an organisation as running the campaign with its owner; only the campaign's organisers may (the coalitions
     * module names only its accepted members). Naming one twice changes nothing.
     */
    @Transactional
    public void addCoOrganiser(Actor me, UUID campaignId, UUID organisationId) {
        var campaign = manageable(me, campaignId);
        if (campaign.organisationId().equals(organisationId)) {
            throw Refusal.unacceptable("campaign-co-organiser-owner", "organisationId");
        }
        organisations.get(organisationId);
        jdbc.sql("""
                        insert into campaign_co_organiser (campaign_id, organisation_id, added_at)
                        values (:id, :org, :now) on conflict do nothing""")
                .param("id", campaignId)
                .param("org", organisationId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** No longer names the organisation as running the campaign (its organisers, or the campaign's, may). */
    @Transactional
    public void removeCoOrganiser(Actor me, UUID campaignId, UUID organisationId) {
        var campaign = get(campaignId);
        if (!mayManage(me, campaign) && !organisations.isOrganiser(me.id(), organisationId)) {
            throw Refusal.forbidden("campaign-not-organiser", "id");
        }
        jdbc.sql("delete from campaign_co_organiser where campaign_id = :id and organisation_id = :org")
                .param("id", campaignId)
                .param("org", organisationId)
                .update();
    }

    /** The campaigns an organisation runs with their owners, latest first. */
    public List<Campaign> coOrganisedBy(UUID organisationId) {
        return jdbc.sql(SELECT
                        + " where c.id in (select campaign_id from campaign_co_organiser where organisation_id = :org)"
                        + " order by c.starts_on desc")
                .param("org", organisationId)
                .query(this::campaign)
                .list();
    }

    public boolean mayManage(@Nullable Actor me, Campaign campaign) {
        return me != null && (me.hasRole(Role.ADMIN) || organisations.isOrganiser(me.id(), campaign.organisationId()));
    }

    /** Campaigns running now or soon first, then past ones. */
    public List<Campaign> all() {
        return jdbc.sql(SELECT + " order by (c.ends_on < :today), c.starts_on desc")
                .param("today", Date.valueOf(participation.today()))
                .query(this::campaign)
                .list();
    }

    public List<Campaign> ofOrganisation(UUID organisationId) {
        return jdbc.sql(SELECT + " where c.organisation_id = :org order by c.starts_on desc")
                .param("org", organisationId)
                .query(this::campaign)
                .list();
    }

    public List<Campaign> joinedBy(UUID userId) {
        return joinedBy(List.of(userId)).getOrDefault(userId, List.of());
    }

    /** The campaigns each of these people takes part in now, latest ending first: two queries for any number of people. */
    public Map<UUID, List<Campaign>> joinedBy(Collection<UUID> users) {
        var groups = participation.groupsOf(users, Participation.ScopeKind.CAMPAIGN);
        var ids = groups.values().stream().flatMap(List::stream).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        var byId = new LinkedHashMap<UUID, Campaign>();
        jdbc.sql(SELECT + " where c.id in (:ids) order by c.ends_on desc")
                .param("ids", ids)
                .query(this::campaign)
                .list()
                .forEach(c -> byId.put(c.id(), c));
        var joined = new HashMap<UUID, List<Campaign>>();
        groups.forEach((user, campaignIds) -> joined.put(
                user,
                byId.values().stream().filter(c -> campaignIds.contains(c.id())).toList()));
        return joined;
    }

    /** Joins a campaign, optionally in a team; a campaign for a community's members is open only to them. */
    @Transactional
    public void join(Actor me, UUID id, @Nullable UUID teamId) {
        // Nothing about a child is public: a pupil takes part through their class only, never on a campaign's board.
        if (pupils.isPupil(me.id())) {
            throw Refusal.forbidden("not-for-pupils", null);
        }
        Campaign campaign = get(id);
        if (campaign.over(participation.today())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "campaign-over", "id", id);
        }
        if (campaign.audienceCommunityId() != null
                && !participation.isParticipant(Scope.community(campaign.audienceCommunityId()), me.id())) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "campaign-audience", "id", id);
        }
        if (teamId != null) {
            lockTeam(id, teamId);
            var current = participation.teamOf(Scope.campaign(id), me.id());
            if (!current.equals(Optional.of(teamId)) && team(id, teamId).members() >= TEAM_SIZE) {
                throw new Refusal(Refusal.Kind.CONFLICT, "campaign-team-full", "teamId", TEAM_SIZE);
            }
        }
        if (participation.join(Scope.campaign(id), me.id(), teamId)) {
            events.publishEvent(new CampaignJoined(id, me.id(), teamId, clock.instant()));
        }
    }

    @Transactional
    public void leave(Actor me, UUID id) {
        get(id);
        participation.leave(Scope.campaign(id), me.id());
    }

    /** Starts a team in a campaign; its founder joins it. */
    @Transactional
    public Team createTeam(Actor me, UUID campaignId, @Nullable String name) {
        get(campaignId);
        String clean = name == null ? "" : name.strip();
        if (clean.length() < 2 || clean.length() > 60) {
            throw Refusal.invalid(List.of(Violation.of("name", "text-length", 2, 60)));
        }
        UUID id = UUID.randomUUID();
        int created = jdbc.sql("""
                        insert into campaign_team (id, campaign_id, name, created_by, created_at) values (:id, :campaign, :name, :by, :now)
                        on conflict do nothing""")
                .param("id", id)
                .param("campaign", campaignId)
                .param("name", clean)
                .param("by", me.id())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (created == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "campaign-team-exists", "name", clean);
        }
        join(me, campaignId, id);
        return team(campaignId, id);
    }

    public List<Team> teams(UUID campaignId) {
        return jdbc.sql("""
                        select t.id, t.name, (select count(*) from participant p where p.scope_kind = 'CAMPAIGN' and p.scope_id = t.campaign_id
                            and p.team_id = t.id and p.left_at is null) as members
                        from campaign_team t where t.campaign_id = :campaign order by lower(t.name)""").param("campaign", campaignId).query(TEAM_ROWS).list();
    }

    private Team team(UUID campaignId, UUID teamId) {
        return teams(campaignId).stream()
                .filter(t -> t.id().equals(teamId))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid(List.of(Violation.of("teamId", "value-unknown", teamId))));
    }

    private void lockTeam(UUID campaignId, UUID teamId) {
        boolean known = jdbc.sql("select id from campaign_team where id = :team and campaign_id = :campaign for update")
                .param("team", teamId)
                .param("campaign", campaignId)
                .query(UUID.class)
                .optional()
                .isPresent();
        if (!known) {
            throw Refusal.invalid(List.of(Violation.of("teamId", "value-unknown", teamId)));
        }
    }

    /** The campaign's figures and its goals with how far they are reached (over the campaign's period). */
    @Transactional(readOnly = true)
    public Progress progress(UUID id) {
        Campaign campaign = get(id);
        var metrics = participation.metrics(Scope.campaign(id));
        var goals = new ArrayList<Goal>();
        if (campaign.goalBehaviours() != null) {
            goals.add(new Goal("behaviours", campaign.goalBehaviours(), metrics.behaviours()));
        }
        if (campaign.goalGrams() != null) {
            goals.add(new Goal("grams", campaign.goalGrams(), Math.max(0, metrics.grams())));
        }
        if (campaign.goalParticipants() != null) {
            goals.add(new Goal("participants", campaign.goalParticipants(), metrics.participants()));
        }
        return new Progress(metrics, goals);
    }

    public List<Participation.Standing> individuals(UUID id, Participation.Ranking ranking, @Nullable UUID viewer) {
        Campaign campaign = get(id);
        return participation.leaderboard(
                Scope.campaign(id), campaign.startsOn(), campaign.endsOn(), ranking, 50, viewer);
    }

    /** Teams ranked by reduction per member, so a small team can win. */
    public List<TeamStanding> teamStandings(UUID id) {
        Campaign campaign = get(id);
        Map<UUID, String> names = new HashMap<>();
        teams(id).forEach(t -> names.put(t.id(), t.name()));
        var sorted = participation.teams(Scope.campaign(id), campaign.startsOn(), campaign.endsOn()).stream()
                .sorted(Comparator.comparingLong(Participation.TeamStanding::gramsPerMember)
                        .reversed()
                        .thenComparing(t -> names.getOrDefault(t.teamId(), "")))
                .toList();
        var standings = new ArrayList<TeamStanding>();
        for (int i = 0; i < sorted.size(); i++) {
            var t = sorted.get(i);
            int rank = i > 0 && sorted.get(i - 1).gramsPerMember() == t.gramsPerMember()
                    ? standings.get(i - 1).rank()
                    : i + 1;
            standings.add(new TeamStanding(
                    rank,
                    t.teamId(),
                    names.getOrDefault(t.teamId(), "?"),
                    t.members(),
                    t.activeMembers(),
                    t.behaviours(),
                    t.grams(),
                    t.gramsPerMember()));
        }
        return standings;
    }

    /** Communities ranked by the share of their members taking part, so a small community can beat a large one. */
    public List<CommunityStanding> communityStandings(UUID id) {
        Campaign campaign = get(id);
        var sorted =
                participation.turnoutByCommunity(Scope.campaign(id), campaign.startsOn(), campaign.endsOn()).stream()
                        .sorted(Comparator.comparingDouble(Participation.Turnout::rate)
                                .reversed()
                                .thenComparing(Comparator.comparingLong(Participation.Turnout::taking)
                                        .reversed()))
                        .toList();
        var standings = new ArrayList<CommunityStanding>();
        for (int i = 0; i < sorted.size(); i++) {
            var t = sorted.get(i);
            int rank = i > 0 && sorted.get(i - 1).rate() == t.rate()
                    ? standings.get(i - 1).rank()
                    : i + 1;
            String name = communities
                    .find(t.communityId())
                    .map(Communities.Community::name)
                    .orElse("?");
            standings.add(new CommunityStanding(rank, t.communityId(), name, t.members(), t.taking(), t.rate()));
        }
        return standings;
    }

    private record Valid(
            String name,
            String description,
            Template template,
            List<String> behaviours,
            LocalDate startsOn,
            LocalDate endsOn,
            @Nullable String region,
            @Nullable UUID audience,
            @Nullable Long goalBehaviours,
            @Nullable Long goalGrams,
            @Nullable Long goalParticipants,
            @Nullable BigDecimal replacementRate) {

        Map<String, @Nullable Object> params() {
            var params = new HashMap<String, @Nullable Object>();
            params.put("name", name);
            params.put("description", description);
            params.put("template", template.name());
            params.put("behaviours", behaviours.toArray(String[]::new));
            params.put("starts", Date.valueOf(startsOn));
            params.put("ends", Date.valueOf(endsOn));
            params.put("region", region);
            params.put("audience", audience);
            params.put("goalBehaviours", goalBehaviours);
            params.put("goalGrams", goalGrams);
            params.put("goalParticipants", goalParticipants);
            params.put("rate", replacementRate);
            return params;
        }
    }

    private Valid check(CampaignForm form, UUID organisationId) {
        var violations = new ArrayList<Violation>();
        String name = form.name() == null ? "" : form.name().strip();
        if (name.length() < 3 || name.length() > 120) {
            violations.add(Violation.of("name", "text-length", 3, 120));
        }
        String description =
                form.description() == null ? "" : form.description().strip();
        if (description.length() > 4000) {
            violations.add(Violation.of("description", "text-length", 0, 4000));
        }
        Template template = Template.CUSTOM;
        if (form.template() != null && !form.template().isBlank()) {
            try {
                template = Template.valueOf(form.template().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of("template", "value-unknown", form.template()));
            }
        }
        var behaviours = new LinkedHashSet<String>();
        var current = methodology.current();
        for (String code : form.behaviours() == null ? List.<String>of() : form.behaviours()) {
            if (code == null || code.isBlank()) {
                continue;
            }
            if (current.behaviour(code.strip()).isEmpty()) {
                violations.add(Violation.of("behaviours", "unknown-behaviour", code));
            } else {
                behaviours.add(code.strip());
            }
        }
        if (form.startsOn() == null) {
            violations.add(Violation.of("startsOn", "field-required", "startsOn"));
        }
        if (form.endsOn() == null) {
            violations.add(Violation.of("endsOn", "field-required", "endsOn"));
        }
        if (form.startsOn() != null && form.endsOn() != null && form.endsOn().isBefore(form.startsOn())) {
            violations.add(Violation.of("endsOn", "campaign-ends-before-start"));
        }
        String region = form.region() == null || form.region().isBlank()
                ? null
                : form.region().strip();
        if (region != null && !Regions.isKnown(region)) {
            violations.add(Violation.of("region", "unknown-region", region));
        }
        if (form.audienceCommunityId() != null) {
            var community = communities.find(form.audienceCommunityId());
            if (community.isEmpty() || !community.get().organisationId().equals(organisationId)) {
                violations.add(Violation.of("audienceCommunityId", "event-community-foreign"));
            }
        }
        for (var goal : List.of(
                Map.entry("goalBehaviours", Optional.ofNullable(form.goalBehaviours())),
                Map.entry("goalGrams", Optional.ofNullable(form.goalGrams())),
                Map.entry("goalParticipants", Optional.ofNullable(form.goalParticipants())))) {
            if (goal.getValue().isPresent() && goal.getValue().get() <= 0) {
                violations.add(Violation.of(goal.getKey(), "number-range", 1, Long.MAX_VALUE));
            }
        }
        BigDecimal rate = form.replacementRate();
        if (template == Template.GREEN_GRADUATION && rate == null) {
            violations.add(Violation.of("replacementRate", "campaign-replacement-rate-required"));
        }
        if (rate != null && (rate.signum() <= 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
            violations.add(Violation.of("replacementRate", "number-range", 0, 1));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        return new Valid(
                name,
                description,
                template,
                List.copyOf(behaviours),
                // both dates are required above
                Objects.requireNonNull(form.startsOn()),
                Objects.requireNonNull(form.endsOn()),
                region,
                form.audienceCommunityId(),
                form.goalBehaviours(),
                form.goalGrams(),
                form.goalParticipants(),
                rate);
    }

    private Campaign campaign(ResultSet rs, int row) throws SQLException {
        return new Campaign(
                rs.getObject("id", UUID.class),
                rs.getObject("organisation_id", UUID.class),
                rs.getString("organisation_name"),
                rs.getString("name"),
                rs.getString("description"),
                Template.valueOf(rs.getString("template")),
                Arrays.stream((String[]) rs.getArray("behaviours").getArray()).toList(),
                rs.getDate("starts_on").toLocalDate(),
                rs.getDate("ends_on").toLocalDate(),
                rs.getString("region"),
                rs.getObject("audience_community_id", UUID.class),
                (Long) rs.getObject("goal_behaviours", Long.class),
                rs.getObject("goal_grams", Long.class),
                rs.getObject("goal_participants", Long.class),
                rs.getBigDecimal("replacement_rate"));
    }

    private static final RowMapper<Team> TEAM_ROWS = new SimplePropertyRowMapper<>(Team.class);

    private static final String SELECT = """
            select c.id, c.organisation_id, o.name as organisation_name, c.name, c.description, c.template, c.behaviours,
                c.starts_on, c.ends_on, c.region, c.audience_community_id, c.goal_behaviours, c.goal_grams, c.goal_participants,
                c.replacement_rate
            from campaign c join organisation o on o.id = c.organisation_id""";
}
