/**
 * Notifications that keep people going, and personal goals: organisers' announcements, event reminders (with a
 * calendar entry) and check-in confirmations, a weekly digest, grantees' report deadlines and tranches, reviewers'
 * assignments and a nudge before a streak breaks — each delivered in the app and by email as the person chose per
 * kind, each delivered once (a sent-marker per person and notice), every email with a one-click unsubscribe. A person's
 * weekly goal and its progress live here too.
 * <p>
 * Listens to {@code events}, {@code grants} and its own {@link org.lowcarbontogether.notifications.AnnouncementPosted};
 * reads the other modules through their APIs; no module depends on it.
 */
@ApplicationModule(
        displayName = "Notifications and goals",
        allowedDependencies = {
            "account",
            "communities",
            "campaigns",
            "events",
            "grants",
            "incentives",
            "ledger",
            "mail",
            "shared",
            "platform"
        })
@NullMarked
package org.lowcarbontogether.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
