package org.lowcarbontogether.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.events.AttendeeCheckedIn;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.ClusterJobs;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Event reminders and check-in confirmations. Every {@code lct.notifications.reminder-interval} (10 minutes) the job
 * reminds everyone registered for an event starting within the next 24 hours, once per registration (its sent-marker),
 * with the event as a calendar entry; several instances may run it at once. A confirmed attendance is confirmed to
 * its attendee.
 */
@Component
class EventNotices {

    private static final Logger log = LoggerFactory.getLogger(EventNotices.class);
    static final Duration AHEAD = Duration.ofDays(1);
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ProgrammeCalendar.ZONE);

    private final Events events;
    private final Delivery delivery;
    private final EventCalendar calendar;
    private final Clock clock;

    private final ClusterJobs jobs;

    EventNotices(Events events, Delivery delivery, EventCalendar calendar, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.events = events;
        this.delivery = delivery;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${lct.notifications.reminder-interval:PT10M}",
            initialDelayString = "${lct.notifications.reminder-interval:PT10M}")
    void remindOnSchedule() {
        jobs.once("event-reminders", Duration.ZERO, this::remindDue);
    }

    void remindDue() {
        try {
            int sent = remind(clock.instant());
            if (sent > 0) {
                log.info("Sent {} event reminders", sent);
            }
        } catch (RuntimeException e) {
            log.warn("Event reminders failed; trying again at the next run", e);
        }
    }

    /** Reminds everyone registered for an event starting in [now, now + 24 h) not reminded yet; returns how many. */
    int remind(Instant now) {
        Map<UUID, Events.Event> known = new HashMap<>();
        int sent = 0;
        for (var registrant : events.registrantsOfEventsStarting(now, now.plus(AHEAD))) {
            String key = "event-reminder:" + registrant.eventId();
            if (delivery.delivered(registrant.userId(), key)) {
                continue;
            }
            var event = known.computeIfAbsent(registrant.eventId(), events::get);
            var notice = new Notice(
                            registrant.userId(),
                            NotificationKind.EVENT_REMINDER,
                            key,
                            "event-reminder",
                            List.of(event.title(), TIME.format(event.startsAt()), where(event)),
                            "/events/" + event.id())
                    .with(calendar.entry(event, now));
            if (delivery.deliver(notice)) {
                sent++;
            }
        }
        return sent;
    }

    /** An attendee's presence was confirmed: tell them, once per event. */
    @ApplicationModuleListener
    void on(AttendeeCheckedIn checkedIn) {
        // An event deleted since the check-in (or never stored, for a check-in told by another source) has nothing to
        // confirm.
        var found = events.find(checkedIn.eventId());
        if (found.isEmpty()) {
            log.info("No check-in confirmation: event {} is unknown", checkedIn.eventId());
            return;
        }
        var event = found.get();
        delivery.deliver(new Notice(
                checkedIn.userId(),
                NotificationKind.EVENT_CHECK_IN,
                "event-check-in:" + event.id(),
                "event-check-in",
                List.of(event.title(), TIME.format(checkedIn.checkedInAt())),
                "/events/" + event.id()));
    }

    /** Where an event is: its place, its online address, or else who runs it. */
    static String where(Events.Event event) {
        if (event.place() != null && !event.place().isBlank()) {
            return event.place();
        }
        if (event.onlineUrl() != null && !event.onlineUrl().isBlank()) {
            return event.onlineUrl();
        }
        return event.organisationName();
    }
}
