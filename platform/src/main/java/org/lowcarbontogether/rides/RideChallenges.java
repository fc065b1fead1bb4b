package org.lowcarbontogether.rides;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.communities.Participation;
import org.lowcarbontogether.platform.AuditLog;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ride challenges: an organiser of a community or a campaign sets its members a goal — a total distance or a number
 * of rides, for the group as a whole — over a period of at most a year. Progress is counted when asked from the
 * current members' rides that are credited now and started in the period (China Standard Time days), so a withdrawn,
 * rejected or reversed ride stops counting. It shows the group's total, how many riders took part only when at least
 * {@value RideMap#MIN_RIDERS} did, and the challenge's own map as {@link GroupRideMaps} draws a group's (cells of
 * fewer than ten riders hidden, counts in bands); never a ranking or a name. A challenge is seen by whoever may see the
 * group's map, and is unknown (404) to everyone else.
 */
@Service
public class RideChallenges {

    public static final int TITLE_MAX = 120;
    public static final int GOAL_MAX = 10_000_000;

    /** What a goal counts: kilometres ridden, or rides. */
    public enum Measure {
        DISTANCE,
        RIDES
    }

    /** A challenge as an organiser sets it; everything may be missing (it is checked here). */
    public record Form(
            @Nullable String title,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable String measure,
            @Nullable Long goal) {}

    public record Challenge(
            UUID id,
            GroupRideMaps.Kind kind,
            UUID groupId,
            String title,
            LocalDate startsOn,
            LocalDate endsOn,
            Measure measure,
            long goal) {}

    /**
     * A challenge with its group's progress: the total reached in the goal's measure (km to one decimal, or rides), the
     * percentage of the goal (at most 100), the riders taking part when at least ten (else null), and the map.
     */
    public record Progress(
            Challenge challenge,
            String groupName,
            BigDecimal reached,
            int percent,
            long rides,
            BigDecimal km,
            @Nullable Long riders,
            boolean mayManage,
            List<RideMap.Cell> cells) {}

    /** A group's challenges, newest period first, and whether the caller may set them. */
    public record GroupChallenges(
            GroupRideMaps.Kind kind, UUID groupId, String groupName, boolean mayManage, List<Challenge> challenges) {}

    private record Group(GroupRideMaps.Kind kind, UUID id, String name, UUID organisationId, boolean mayManage) {}

    private final JdbcClient jdbc;
    private final RideMap map;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Participation participation;
    private final AuditLog audit;
    private final Clock clock;

    RideChallenges(
            JdbcClient jdbc,
            RideMap map,
            Communities communities,
            Campaigns campaigns,
            Participation participation,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.map = map;
        this.communities = communities;
        this.campaigns = campaigns;
        this.participation = participation;
        this.audit = audit;
        this.clock = clock;
    }

    public GroupChallenges list(@Nullable Actor reader, GroupRideMaps.Kind kind, UUID groupId) {
        var group = visible(reader, kind, groupId);
        var challenges = jdbc.sql("select * from ride_challenge where scope_kind = :kind and scope_id = :id"
                        + " order by starts_on desc, created_at desc limit 200")
                .param("kind", kind.name())
                .param("id", groupId)
                .query((rs, n) -> challenge(rs))
                .list();
        return new GroupChallenges(kind, groupId, group.name(), group.mayManage(), challenges);
    }

    public Progress progress(@Nullable Actor reader, UUID id) {
        var challenge = find(id);
        var group = visible(reader, challenge.kind(), challenge.groupId());
        var members = participation.currentParticipants(scope(challenge.kind(), challenge.groupId()));
        Instant from = ProgrammeCalendar.startOf(challenge.startsOn());
        Instant to = ProgrammeCalendar.startOf(challenge.endsOn().plusDays(1));
        long[] totals = jdbc.sql("""
                        select count(*) as rides, coalesce(sum(distance_m), 0) as metres,
                               count(distinct user_id) as riders
                        from ride where status = 'CREDITED' and user_id = any(:members)
                          and started_at >= :from and started_at < :to""")
                .param("members", members.toArray(UUID[]::new))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, n) -> new long[] {rs.getLong("rides"), rs.getLong("metres"), rs.getLong("riders")})
                .single();
        var km = BigDecimal.valueOf(totals[1]).divide(BigDecimal.valueOf(1000), 1, RoundingMode.DOWN);
        var reached = challenge.measure() == Measure.DISTANCE ? km : BigDecimal.valueOf(totals[0]);
        int percent = reached.multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(challenge.goal()), 0, RoundingMode.DOWN)
                .min(BigDecimal.valueOf(100))
                .intValue();
        return new Progress(
                challenge,
                group.name(),
                reached,
                percent,
                totals[0],
                km,
                totals[2] >= RideMap.MIN_RIDERS ? totals[2] : null,
                group.mayManage(),
                GroupRideMaps.banded(map.cellsOfRides(from, to, members)));
    }

    /** A challenge without its progress, to whoever may see its group's map (else 404). */
    public Challenge get(@Nullable Actor reader, UUID id) {
        var challenge = find(id);
        visible(reader, challenge.kind(), challenge.groupId());
        return challenge;
    }

    @Transactional
    public Challenge create(Actor me, GroupRideMaps.Kind kind, UUID groupId, Form form) {
        var group = managed(me, kind, groupId);
        var valid = validate(form);
        UUID id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into ride_challenge (id, scope_kind, scope_id, title, starts_on, ends_on, measure, goal,
                                                    created_at, updated_at)
                        values (:id, :kind, :scope, :title, :starts, :ends, :measure, :goal, :now, :now)""")
                .param("id", id)
                .param("kind", kind.name())
                .param("scope", groupId)
                .param("title", valid.title())
                .param("starts", Date.valueOf(valid.startsOn()))
                .param("ends", Date.valueOf(valid.endsOn()))
                .param("measure", valid.measure().name())
                .param("goal", valid.goal())
                .param("now", now)
                .update();
        var challenge = new Challenge(
                id, kind, groupId, valid.title(), valid.startsOn(), valid.endsOn(), valid.measure(), valid.goal());
        audited(me, AuditLog.Action.RIDE_CHALLENGE_SET, group, challenge);
        return challenge;
    }

    @Transactional
    public Challenge update(Actor me, UUID id, Form form) {
        var old = find(id);
        var group = managed(me, old.kind(), old.groupId());
        var valid = validate(form);
        jdbc.sql("""
                        update ride_challenge set title = :title, starts_on = :starts, ends_on = :ends,
                                                  measure = :measure, goal = :goal, updated_at = :now
                        where id = :id""")
                .param("id", id)
                .param("title", valid.title())
                .param("starts", Date.valueOf(valid.startsOn()))
                .param("ends", Date.valueOf(valid.endsOn()))
                .param("measure", valid.measure().name())
                .param("goal", valid.goal())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        var challenge = new Challenge(
                id,
                old.kind(),
                old.groupId(),
                valid.title(),
                valid.startsOn(),
                valid.endsOn(),
                valid.measure(),
                valid.goal());
        audited(me, AuditLog.Action.RIDE_CHALLENGE_CHANGED, group, challenge);
        return challenge;
    }

    @Transactional
    public void delete(Actor me, UUID id) {
        var challenge = find(id);
        var group = managed(me, challenge.kind(), challenge.groupId());
        jdbc.sql("delete from ride_challenge where id = :id").param("id", id).update();
        audited(me, AuditLog.Action.RIDE_CHALLENGE_DELETED, group, challenge);
    }

    private void audited(Actor me, AuditLog.Action action, Group group, Challenge c) {
        audit.record(
                me.id(),
                action,
                group.organisationId(),
                AuditLog.Target.RIDE_CHALLENGE,
                c.id(),
                Map.of(
                        group.kind() == GroupRideMaps.Kind.COMMUNITY ? "community" : "campaign",
                        group.name(),
                        "title",
                        c.title(),
                        "period",
                        c.startsOn() + "/" + c.endsOn(),
                        "goal",
                        c.goal() + (c.measure() == Measure.DISTANCE ? " km" : " rides")));
    }

    private Challenge find(UUID id) {
        return jdbc.sql("select * from ride_challenge where id = :id")
                .param("id", id)
                .query((rs, n) -> challenge(rs))
                .optional()
                .orElseThrow(() -> Refusal.notFound("ride-challenge-not-found", "id"));
    }

    private static Challenge challenge(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Challenge(
                rs.getObject("id", UUID.class),
                GroupRideMaps.Kind.valueOf(rs.getString("scope_kind")),
                rs.getObject("scope_id", UUID.class),
                rs.getString("title"),
                rs.getDate("starts_on").toLocalDate(),
                rs.getDate("ends_on").toLocalDate(),
                Measure.valueOf(rs.getString("measure")),
                rs.getLong("goal"));
    }

    private static Participation.Scope scope(GroupRideMaps.Kind kind, UUID id) {
        return kind == GroupRideMaps.Kind.COMMUNITY
                ? Participation.Scope.community(id)
                : Participation.Scope.campaign(id);
    }

    /** The group if the reader may see its map (as {@link GroupRideMaps}); else 404, its challenges unknown to them. */
    private Group visible(@Nullable Actor reader, GroupRideMaps.Kind kind, UUID id) {
        Group group;
        boolean visible;
        if (kind == GroupRideMaps.Kind.COMMUNITY) {
            var community = communities.get(id);
            group = new Group(
                    kind, id, community.name(), community.organisationId(), communities.mayManage(reader, community));
            visible = communities.maySeeFeed(reader, community);
        } else {
            var campaign = campaigns.get(id);
            group = new Group(
                    kind, id, campaign.name(), campaign.organisationId(), campaigns.mayManage(reader, campaign));
            visible = campaigns.figuresVisibleTo(reader, campaign);
        }
        if (!visible) {
            throw Refusal.notFound("ride-challenge-not-found", "id");
        }
        return group;
    }

    /** The group if the caller may see it and organises it (404 if hidden, 403 if they only see it). */
    private Group managed(Actor me, GroupRideMaps.Kind kind, UUID id) {
        var group = visible(me, kind, id);
        if (!group.mayManage()) {
            throw Refusal.forbidden("ride-challenge-organisers-only", null);
        }
        return group;
    }

    private record Valid(String title, LocalDate startsOn, LocalDate endsOn, Measure measure, long goal) {}

    private static Valid validate(Form form) {
        var problems = new ArrayList<Refusal.Violation>();
        String title = form.title() == null ? "" : form.title().strip();
        if (title.isEmpty()) {
            problems.add(Refusal.Violation.of("title", "ride-challenge-title-required"));
        } else if (title.length() > TITLE_MAX) {
            problems.add(Refusal.Violation.of("title", "ride-challenge-title-too-long", TITLE_MAX));
        }
        var starts = form.startsOn();
        var ends = form.endsOn();
        if (starts == null) {
            problems.add(Refusal.Violation.of("startsOn", "ride-challenge-start-required"));
        }
        if (ends == null) {
            problems.add(Refusal.Violation.of("endsOn", "ride-challenge-end-required"));
        } else if (starts != null && ends.isBefore(starts)) {
            problems.add(Refusal.Violation.of("endsOn", "ride-challenge-end-before-start"));
        } else if (starts != null && ends.isAfter(starts.plusYears(1))) {
            problems.add(Refusal.Violation.of("endsOn", "ride-challenge-period-too-long"));
        }
        Measure measure = null;
        try {
            measure = form.measure() == null
                    ? null
                    : Measure.valueOf(form.measure().strip());
        } catch (IllegalArgumentException e) {
            measure = null;
        }
        if (measure == null) {
            problems.add(Refusal.Violation.of("measure", "ride-challenge-measure-invalid"));
        }
        Long goal = form.goal();
        if (goal == null || goal <= 0 || goal > GOAL_MAX) {
            problems.add(Refusal.Violation.of("goal", "ride-challenge-goal-invalid", GOAL_MAX));
        }
        if (!problems.isEmpty() || starts == null || ends == null || measure == null || goal == null) {
            throw Refusal.invalid(problems);
        }
        return new Valid(title, starts, ends, measure, goal);
    }
}
