package org.lowcarbontogether.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A participant's presence at an event was proven: an organiser scanned their personal code, checked them in or
 * confirmed their check-in ({@code confirmedBy}), or they scanned the rotating code on the organiser's screen (no
 * organiser named). Published once per attendee.
 */
public record AttendeeCheckedIn(
        UUID eventId,
        UUID organisationId,
        UUID userId,
        Instant checkedInAt,
        @Nullable UUID confirmedBy) {

    public AttendeeCheckedIn(UUID eventId, UUID organisationId, UUID userId, Instant checkedInAt) {
        this(eventId, organisationId, userId, checkedInAt, null);
    }
}
