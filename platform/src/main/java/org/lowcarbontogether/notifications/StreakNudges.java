package org.lowcarbontogether.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.incentives.Points;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The streak nudge, for those who chose it: in the evening (19:00 China Standard Time) of a day without a credited
 * behaviour, after a streak of at least three days that ended yesterday, a notice that the streak is about to break —
 * at most once a day.
 */
@Component
class StreakNudges {

    private static final Logger log = LoggerFactory.getLogger(StreakNudges.class);
    static final int MIN_STREAK = 3;

    private final Preferences preferences;
    private final Points points;
    private final Delivery delivery;
    private final Clock clock;

    private final ClusterJobs jobs;

    StreakNudges(Preferences preferences, Points points, Delivery delivery, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.preferences = preferences;
        this.points = points;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Scheduled(cron = "${lct.notifications.streak-cron:0 0 19 * * *}", zone = ProgrammeCalendar.ZONE_ID)
    void eveningOnSchedule() {
        jobs.once("streak-nudges", Duration.ofHours(1), this::evening);
    }

    void evening() {
        try {
            int sent = nudge(ProgrammeCalendar.today(clock));
            if (sent > 0) {
                log.info("Sent {} streak nudges", sent);
            }
        } catch (RuntimeException e) {
            log.warn("Streak nudges failed; trying again tomorrow", e);
        }
    }

    /** Nudges those whose streak of three days or more ended yesterday and who have nothing today; returns how many. */
    int nudge(LocalDate today) {
        int sent = 0;
        for (UUID person : preferences.choosing(NotificationKind.STREAK_NUDGE)) {
            var streak = points.streak(person);
            if (streak.current() < MIN_STREAK || !today.minusDays(1).equals(streak.lastActiveDay())) {
                continue;
            }
            var notice = new Notice(
                    person,
                    NotificationKind.STREAK_NUDGE,
                    "streak-nudge:" + today,
                    "streak-nudge",
                    List.of(streak.current()),
                    "/record");
            if (delivery.deliver(notice)) {
                sent++;
            }
        }
        return sent;
    }
}
