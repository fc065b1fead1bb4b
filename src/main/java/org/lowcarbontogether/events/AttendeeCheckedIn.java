package org.lowcarbontogether.events;

import java.time.Instant;
import java.util.UUID;

/** A participant was checked in at an event, by scanning its QR code or by the organiser. Published once per attendee. */
public record AttendeeCheckedIn(UUID eventId, UUID organisationId, UUID userId, Instant checkedInAt) {}
