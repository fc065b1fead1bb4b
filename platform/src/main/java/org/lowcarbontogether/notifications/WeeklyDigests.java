package org.lowcarbontogether.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.campaigns.Campaigns;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The weekly digest, for those who chose it: on Monday morning (08:00 China Standard Time) each gets, once per week,
 * the week just ended — their behaviours and reduction, their goal's progress and their streak — with their
 * communities' and campaigns' announcements of that week and the events coming up in the next seven days.
 */
@Component
class WeeklyDigests {

    private static final Logger log = LoggerFactory.getLogger(WeeklyDigests.class);
    static final int NEWS_LIMIT = 10;

    /** A line of news: an announcement to one of the person's groups. */
    record News(String group, String title, String body, String day) {}

    /** An event coming up. */
    record Upcoming(String title, String when, String where, String link) {}

    private final Preferences preferences;
    private final Goals goals;
    private final Announcements announcements;
    private final Communities communities;
    private final Campaigns campaigns;
    private final Events events;
    private final Delivery delivery;
    private final Clock clock;

    private final ClusterJobs jobs;

    WeeklyDigests(
            Preferences preferences,
            Goals goals,
            Announcements announcements,
            Communities communities,
            Campaigns campaigns,
            Events events,
            Delivery delivery,
            Clock clock,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.preferences = preferences;
        this.goals = goals;
        this.announcements = announcements;
        this.communities = communities;
        this.campaigns = campaigns;
        this.events = events;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Scheduled(cron = "${lct.notifications.digest-cron:0 0 8 * * MON}", zone = ProgrammeCalendar.ZONE_ID)
    void weeklyOnSchedule() {
        jobs.once("weekly-digests", Duration.ofHours(1), this::weekly);
    }

    void weekly() {
        try {
            int sent = send(clock.instant());
            log.info("Sent {} weekly digests", sent);
        } catch (RuntimeException e) {
            log.warn("Weekly digests failed; they are sent at the next run", e);
        }
    }

    /** Sends the digest of the last full programme week to everyone who chose it and has not had it; returns how many. */
    int send(Instant now) {
        LocalDate thisWeek = Goals.weekOf(ProgrammeCalendar.dayOf(now));
        LocalDate week = thisWeek.minusWeeks(1);
        int sent = 0;
        for (UUID person : preferences.choosing(NotificationKind.WEEKLY_DIGEST)) {
            String key = "digest:" + week;
            if (delivery.delivered(person, key)) {
                continue;
            }
            try {
                if (delivery.deliver(digest(person, week, now, key))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // One person's failure does not keep the others' digests back; theirs is tried at the next run.
                log.warn("Weekly digest for {} failed", person, e);
            }
        }
        return sent;
    }

    private Notice digest(UUID person, LocalDate week, Instant now, String key) {
        var progress = goals.progress(person, week);
        Instant from = ProgrammeCalendar.startOf(week);
        Instant to = ProgrammeCalendar.startOf(week.plusWeeks(1));
        Map<UUID, String> groupNames = new HashMap<>();
        var myCommunities = communities.joinedBy(person);
        myCommunities.forEach(c -> groupNames.put(c.id(), c.name()));
        var myCampaigns = campaigns.joinedBy(person);
        myCampaigns.forEach(c -> groupNames.put(c.id(), c.name()));
        var posted = new ArrayList<Announcements.Announcement>();
        posted.addAll(announcements.since(
                Announcements.Audience.COMMUNITY,
                myCommunities.stream().map(Communities.Community::id).toList(),
                from,
                NEWS_LIMIT));
        posted.addAll(announcements.since(
                Announcements.Audience.CAMPAIGN,
                myCampaigns.stream().map(Campaigns.Campaign::id).toList(),
                from,
                NEWS_LIMIT));
        List<News> news = posted.stream()
                .filter(a -> a.createdAt().isBefore(to))
                .sorted(Comparator.comparing(Announcements.Announcement::createdAt)
                        .reversed())
                .limit(NEWS_LIMIT)
                .map(a -> new News(
                        groupNames.getOrDefault(a.scopeId(), ""),
                        a.title(),
                        a.body(),
                        ProgrammeCalendar.dayOf(a.createdAt()).toString()))
                .toList();
        Map<UUID, Events.Event> coming = new LinkedHashMap<>();
        Instant horizon = now.plus(Duration.ofDays(7));
        events.ofCommunitiesStarting(
                        myCommunities.stream().map(Communities.Community::id).toList(), now, horizon)
                .forEach(e -> coming.put(e.id(), e));
        events.registeredBy(person).stream()
                .filter(e -> !e.startsAt().isBefore(now) && e.startsAt().isBefore(horizon))
                .forEach(e -> coming.putIfAbsent(e.id(), e));
        List<Upcoming> upcoming = coming.values().stream()
                .sorted(Comparator.comparing(Events.Event::startsAt))
                .map(e -> new Upcoming(
                        e.title(), EventNotices.TIME.format(e.startsAt()), EventNotices.where(e), "/events/" + e.id()))
                .toList();
        String kg = progress.reduction().kilogramsText(1);
        var model = new HashMap<String, Object>();
        model.put("weekStart", week.toString());
        model.put("weekEnd", progress.weekEnd().toString());
        model.put("kg", kg);
        model.put("behaviours", progress.behaviours());
        model.put("streak", progress.streak());
        model.put("hasGoal", progress.goal() != null);
        model.put(
                "goalMeasure",
                progress.goal() == null ? "" : progress.goal().measure().name());
        model.put(
                "goalTarget",
                progress.goal() == null ? "" : progress.goal().shown().toPlainString());
        model.put("goalPercent", progress.percent());
        model.put("news", news);
        model.put("upcoming", upcoming);
        return new Notice(
                        person,
                        NotificationKind.WEEKLY_DIGEST,
                        key,
                        "weekly-digest",
                        List.of(
                                week.toString(),
                                kg,
                                progress.behaviours(),
                                progress.streak(),
                                news.size(),
                                upcoming.size()),
                        "/account/goal")
                .mailedAs("notifications/digest", model);
    }
}
