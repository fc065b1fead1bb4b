package org.lowcarbontogether.incentives;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.lowcarbontogether.ledger.Ledger;
import org.springframework.jdbc.core.simple.JdbcClient;
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
        return jdbc.sql("select badge_code, awarded_at, rules_version from badge_award where user_id = :user order by awarded_at, badge_code")
                .param("user", userId)
                .query((rs, n) -> new Award(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .list();
    }

    /** Evaluates every badge of the current rules for a person; returns how many were newly awarded. */
    @Transactional
    public int evaluate(UUID userId) {
        var current = rules.current();
        Map<String, Boolean> held = of(userId).stream().collect(Collectors.toMap(Award::code, a -> true));
        int awarded = 0;
        Long savedGrams = null;
        Points.Streak streak = null;
        Map<String, Long> activity = null;
        Map<String, Long> earned = null;
        for (var badge : current.badges()) {
            if (held.containsKey(badge.code())) {
                continue;
            }
            boolean met = switch (badge.criterion()) {
                case FIRST_BEHAVIOUR -> {
                    earned = earned == null ? earnedByBehaviour(userId) : earned;
                    var counts = earned;
                    yield badge.behaviours().stream().mapToLong(b -> counts.getOrDefault(b, 0L)).sum() >= badge.threshold();
                }
                case STREAK_DAYS -> {
                    streak = streak == null ? points.streak(userId) : streak;
                    yield streak.longest() >= badge.threshold();
                }
                case SAVED_GRAMS -> {
                    savedGrams = savedGrams == null ? ledger.balance(userId).grams() : savedGrams;
                    yield savedGrams >= badge.threshold();
                }
                case STORIES_PUBLISHED, EVENTS_ATTENDED, COMMUNITIES_JOINED -> {
                    activity = activity == null ? activity(userId) : activity;
                    yield activity.getOrDefault(activityKind(badge.criterion()), 0L) >= badge.threshold();
                }
            };
            if (met) {
                awarded += award(userId, badge.code(), current.version());
            }
        }
        return awarded;
    }

    /** Re-evaluates every person the incentives know; safe to run any number of times. */
    @Transactional
    public Reevaluation reevaluateAll() {
        List<UUID> people = jdbc.sql("""
                        select user_id from points_account union select user_id from incentive_activity""")
                .query(UUID.class)
                .list();
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

    /** Earnings (not reversed) per behaviour, from the tally: one query for every behaviour badge. */
    private Map<String, Long> earnedByBehaviour(UUID userId) {
        return jdbc.sql("""
                        select behaviour, sum(earnings) from points_tally where user_id = :user group by behaviour""")
                .param("user", userId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<String, Long> activity(UUID userId) {
        return jdbc.sql("select kind, count(*) from incentive_activity where user_id = :user group by kind")
                .param("user", userId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String activityKind(PointsRules.Criterion criterion) {
        return switch (criterion) {
            case STORIES_PUBLISHED -> "STORY_PUBLISHED";
            case EVENTS_ATTENDED -> "EVENT_ATTENDED";
            case COMMUNITIES_JOINED -> "COMMUNITY_JOINED";
            default -> throw new IllegalArgumentException(criterion.name());
        };
    }
}
