package org.lowcarbontogether.platform;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Resubmits the module events left incomplete (a listener that failed, or an instance that stopped before its
 * listeners finished), once across instances, instead of by every instance on its own start (Modulith's
 * {@code republish-outstanding-events-on-restart}, turned off). {@code lct.events.republish-after} after an instance
 * starts, the instance that takes the cluster lock resubmits the publications older than that; younger ones may still
 * be in the hands of a live instance, and are left to it. Instances starting together (a rolling restart) republish
 * once: a run within the same span is not repeated.
 */
@Component
class EventRepublication {

    private static final Logger log = LoggerFactory.getLogger(EventRepublication.class);

    private final IncompleteEventPublications publications;
    private final ClusterJobs jobs;
    private final TaskScheduler scheduler;
    private final Duration after;

    EventRepublication(
            IncompleteEventPublications publications,
            ClusterJobs jobs,
            TaskScheduler scheduler,
            @Value("${lct.events.republish-after:PT1M}") Duration after) {
        this.publications = publications;
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.after = after;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        scheduler.schedule(this::republish, Instant.now().plus(after));
    }

    /** Resubmits what has been incomplete for longer than the span, unless an instance did so within it. */
    boolean republish() {
        return jobs.once("event-republication", after, () -> {
            log.info("Resubmitting module events incomplete for more than {}", after);
            publications.resubmitIncompletePublicationsOlderThan(after);
        });
    }
}
