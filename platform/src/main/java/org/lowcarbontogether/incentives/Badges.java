package org.lowcarbontogether.incentives;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.lowcarbontogether.ledger.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Badges with public criteria, awarded by evaluating the criteria on the data: points entries (behaviours, streaks),
 * the carbon ledger's balance (saved kilograms), and what other modules reported (stories, events, communities). An
 * award is {@code insert … on conflict do nothing} on (person, badge), so evaluating again never awards twice. A badge
 * once earned stays, even if a credit behind it is later reversed.
 */
@Service
public class Badges {

    /** A badge a person holds. */
    public record Award(String code, Instant awardedAt, String rulesVersion) {}

    /** The outcome of re-evaluating everyone. */
    public record Reevaluation(int people, int awarded) {}

    private final JdbcClient jdbc;
    private final PointsRules rules;
    private final Points points;
    private final Ledger ledger;
    private final Clock clock;

    Badges(JdbcClient jdbc, PointsRules rules, Points points, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.points = points;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Award> of(UUID userId) {
        return jdbc.sql(
                        "select badge_code, awarded_at, rules_version from badge_award where user_id = :user order by awarded_at, badge_code")
                .param("user", userId)
                .query((rs, n) -> new Award(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .list();
    }

    /** Evaluates every badge of the current rules for a person; returns how many were newly awarded. */
    @Transactional
    public int evaluate(UUID userId) {
        return evaluate(List.of(userId));
    }

    /**
     * Evaluates every badge of the current rules for several people — the people of one batch of credits — reading
     * each kind of data once for all of them, and only when someone still lacks a badge that needs it.
     */
    @Transactional
    public int evaluate(Collection<UUID> userIds) {
        var current = rules.current();
        var held = new HashMap<UUID, Set<String>>();
        jdbc.sql("select user_id, badge_code from badge_award where user_id = any(:users)")
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .query((rs, n) -> held.computeIfAbsent(rs.getObject(1, UUID.class), u -> new HashSet<>())
                        .add(rs.getString(2)))
                .list();
        var open = new HashMap<UUID, List<PointsRules.Badge>>();
        var needed = EnumSet.noneOf(PointsRules.Criterion.class);
        for (UUID user : userIds) {
            for (var badge : current.badges()) {
                if (!held.getOrDefault(user, Set.of()).contains(badge.code())) {
                    open.computeIfAbsent(user, u -> new ArrayList<>()).add(badge);
                    needed.add(badge.criterion());
                }
            }
        }
        if (open.isEmpty()) {
            return 0;
        }
        var people = open.keySet();
        var earned = needed.contains(PointsRules.Criterion.FIRST_BEHAVIOUR)
                ? earnedByBehaviour(people)
                : Map.<UUID, Map<String, Long>>of();
        var streaks = needed.contains(PointsRules.Criterion.STREAK_DAYS)
                ? points.streaks(people)
                : Map.<UUID, Points.Streak>of();
        var saved = needed.contains(PointsRules.Criterion.SAVED_GRAMS)
                ? ledger.balancesInGrams(people)
                : Map.<UUID, Long>of();
        var activity = needed.stream()
                        .anyMatch(c -> c == PointsRules.Criterion.STORIES_PUBLISHED
                                || c == PointsRules.Criterion.EVENTS_ATTENDED
                                || c == PointsRules.Criterion.COMMUNITIES_JOINED
                                || c == PointsRules.Criterion.COURSES_COMPLETED)
                ? activity(people)
                : Map.<UUID, Map<String, Long>>of();
        int awarded = 0;
        for (var person : open.entrySet()) {
            UUID user = person.getKey();
            for (var badge : person.getValue()) {
                boolean met = switch (badge.criterion()) {
                    case FIRST_BEHAVIOUR -> {
                        var counts = earned.getOrDefault(user, Map.of());
                        yield badge.behaviours().stream()
                                        .mapToLong(b -> counts.getOrDefault(b, 0L))
                                        .sum()
                                >= badge.threshold();
                    }
                    // asked for every person when a badge needs it
                    case STREAK_DAYS ->
                        Objects.requireNonNull(streaks.get(user)).longest() >= badge.threshold();
                    case SAVED_GRAMS -> saved.getOrDefault(user, 0L) >= badge.threshold();
                    case STORIES_PUBLISHED, EVENTS_ATTENDED, COMMUNITIES_JOINED, COURSES_COMPLETED ->
                        activity.getOrDefault(user, Map.of()).getOrDefault(activityKind(badge.criterion()), 0L)
                                >= badge.threshold();
                };
                if (met) {
                    awarded += award(user, badge.code(), current.version());
                }
            }
        }
        return awarded;
    }

    /** Re-evaluates every person the incentives know; safe to run any number of times. */
    @Transactional
    public Reevaluation reevaluateAll() {
        List<UUID> people =
                jdbc.sql("""
                        select user_id from points_account union select user_id from incentive_activity""").query((rs, n) -> rs.getObject(1, UUID.class)).list();
        int awarded = 0;
        for (UUID person : people) {
            awarded += evaluate(person);
        }
        return new Reevaluation(people.size(), awarded);
    }

    private int award(UUID userId, String code, String version) {
        return jdbc.sql("""
                        insert into badge_award (user_id, badge_code, awarded_at, rules_version) values (:user, :code, :now, :version)
                        on conflict (user_id, badge_code) do nothing""")
                .param("user", userId)
                .param("code", code)
                .param("now", Timestamp.from(clock.instant()))
                .param("version", version)
                .update();
    }

    /** Earnings (not reversed) per person and behaviour, from the tally: one query for every behaviour badge. */
    private Map<UUID, Map<String, Long>> earnedByBehaviour(Collection<UUID> userIds) {
        return perPerson(
                "select user_id, behaviour, sum(earnings) from points_tally where user_id = any(:users) group by user_id, behaviour",
                userIds);
    }

    /** What other modules reported (stories, events, communities), counted per person and kind. */
    private Map<UUID, Map<String, Long>> activity(Collection<UUID> userIds) {
        return perPerson(
                "select user_id, kind, count(*) from incentive_activity where user_id = any(:users) group by user_id, kind",
                userIds);
    }

    /** Runs a query yielding (person, name, count) rows for these people. */
    private Map<UUID, Map<String, Long>> perPerson(String sql, Collection<UUID> userIds) {
        var counts = new HashMap<UUID, Map<String, Long>>();
        jdbc.sql(sql)
                .param("users", new SqlArrayValue("uuid", userIds.toArray()))
                .query((rs, n) -> counts.computeIfAbsent(rs.getObject(1, UUID.class), u -> new HashMap<>())
                        .put(rs.getString(2), rs.getLong(3)))
                .list();
        return counts;
    }

    private static String activityKind(PointsRules.Criterion criterion) {
        return switch (criterion) {
            case STORIES_PUBLISHED -> "STORY_PUBLISHED";
            case EVENTS_ATTENDED -> "EVENT_ATTENDED";
            case COMMUNITIES_JOINED -> "COMMUNITY_JOINED";
            case COURSES_COMPLETED -> "COURSE_COMPLETED";
            default -> throw new IllegalArgumentException(criterion.name());
        };
    }
}
