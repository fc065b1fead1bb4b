package org.lowcarbontogether.notifications;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.incentives.Points;
import org.lowcarbontogether.ledger.Ledger;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.CarbonQuantity;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's weekly goal — a number of behaviours, or kilograms CO2e — and their progress in the programme week
 * (Monday to Sunday, China Standard Time) from their ledger: credits less reversals, and the net reduction of the
 * activities that happened that week. Their streak comes from their points (days with a credited behaviour).
 */
@Service
public class Goals {

    public enum Measure {
        BEHAVIOURS,
        KILOGRAMS
    }

    /** A goal: behaviours per week, or grams CO2e per week (entered and shown in kilograms). */
    public record Goal(Measure measure, long target) {

        /** The target as people read it: a count, or kilograms. */
        public BigDecimal shown() {
            return measure == Measure.KILOGRAMS
                    ? BigDecimal.valueOf(target, 3).stripTrailingZeros()
                    : BigDecimal.valueOf(target);
        }
    }

    /** A week's progress towards the person's goal (none set: no goal and no percentage). */
    public record Progress(
            @Nullable Goal goal,
            LocalDate weekStart,
            LocalDate weekEnd,
            long behaviours,
            CarbonQuantity reduction,
            int percent,
            int streak,
            boolean streakNudge) {

        public boolean reached() {
            return goal != null && percent >= 100;
        }
    }

    static final long MAX_BEHAVIOURS = 500;
    static final BigDecimal MAX_KILOGRAMS = BigDecimal.valueOf(10_000);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Ledger ledger;
    private final Points points;
    private final Preferences preferences;

    Goals(JdbcClient jdbc, Clock clock, Ledger ledger, Points points, Preferences preferences) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
        this.points = points;
        this.preferences = preferences;
    }

    @Transactional(readOnly = true)
    public Optional<Goal> of(UUID userId) {
        return jdbc.sql("select measure, target from weekly_goal where user_id = :user")
                .param("user", userId)
                .query((rs, n) -> new Goal(Measure.valueOf(rs.getString(1)), rs.getLong(2)))
                .optional();
    }

    /**
     * Sets the caller's goal: {@code BEHAVIOURS} with a whole number from 1 to 500, or {@code KILOGRAMS} with up to
     * three decimals from 0.001 to 10,000; and whether they want the streak nudge (absent: unchanged).
     */
    @Transactional
    public Progress set(
            Actor me, @Nullable String measure, @Nullable BigDecimal target, @Nullable Boolean streakNudge) {
        String asked = measure == null ? "" : measure.strip();
        Measure chosen = Arrays.stream(Measure.values())
                .filter(m -> m.name().equalsIgnoreCase(asked))
                .findFirst()
                .orElseThrow(() -> Refusal.invalid(List.of(Violation.of("measure", "value-unknown", asked))));
        long stored = stored(chosen, target);
        jdbc.sql("""
                        insert into weekly_goal (user_id, measure, target, updated_at) values (:user, :measure, :target, :now)
                        on conflict (user_id) do update
                        set measure = excluded.measure, target = excluded.target, updated_at = excluded.updated_at""")
                .param("user", me.id())
                .param("measure", chosen.name())
                .param("target", stored)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (streakNudge != null) {
            nudge(me, streakNudge);
        }
        return progress(me.id());
    }

    /** Turns the streak nudge on (in the app and by email) or off. */
    @Transactional
    public void nudge(Actor me, boolean on) {
        preferences.set(me.id(), new Preferences.Preference(NotificationKind.STREAK_NUDGE, on, on));
    }

    @Transactional
    public void clear(Actor me) {
        jdbc.sql("delete from weekly_goal where user_id = :user")
                .param("user", me.id())
                .update();
    }

    /** Progress in this programme week. */
    @Transactional(readOnly = true)
    public Progress progress(UUID userId) {
        return progress(userId, weekOf(ProgrammeCalendar.today(clock)));
    }

    /** Progress in the programme week that starts on {@code weekStart} (a Monday). */
    @Transactional(readOnly = true)
    public Progress progress(UUID userId, LocalDate weekStart) {
        var goal = of(userId).orElse(null);
        LocalDate next = weekStart.plusWeeks(1);
        var activity = ledger.activity(userId, ProgrammeCalendar.startOf(weekStart), ProgrammeCalendar.startOf(next));
        long behaviours = Math.max(0, activity.behaviours());
        long grams = Math.max(0, activity.reduction().grams());
        int percent = 0;
        if (goal != null) {
            long done = goal.measure() == Measure.BEHAVIOURS ? behaviours : grams;
            percent = (int) Math.min(999, done * 100 / goal.target());
        }
        return new Progress(
                goal,
                weekStart,
                next.minusDays(1),
                behaviours,
                activity.reduction(),
                percent,
                points.streak(userId).current(),
                preferences.of(userId, NotificationKind.STREAK_NUDGE).any());
    }

    /** The Monday that starts the programme week of a day. */
    static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static long stored(Measure measure, @Nullable BigDecimal target) {
        if (measure == Measure.BEHAVIOURS) {
            if (target == null
                    || target.stripTrailingZeros().scale() > 0
                    || target.compareTo(BigDecimal.ONE) < 0
                    || target.compareTo(BigDecimal.valueOf(MAX_BEHAVIOURS)) > 0) {
                throw Refusal.invalid(List.of(Violation.of("target", "number-range", 1, MAX_BEHAVIOURS)));
            }
            return target.longValueExact();
        }
        if (target == null
                || target.signum() <= 0
                || target.compareTo(MAX_KILOGRAMS) > 0
                || target.stripTrailingZeros().scale() > 3) {
            throw Refusal.invalid(List.of(Violation.of("target", "number-range", "0.001", MAX_KILOGRAMS)));
        }
        return target.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }
}
