package org.lowcarbontogether.events.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.events.Events.Event;
import org.lowcarbontogether.events.Events.EventForm;
import org.lowcarbontogether.platform.QrCodes;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Events: list (anyone), create and manage (their organisation's organisers), register and check in (participants). */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Events with registration and QR check-in")
class EventApiController {

    record CheckIn(@Nullable String code) {}

    record CheckInByOrganiser(@Nullable String email) {}

    record PersonalCode(@Nullable String code) {}

    record Confirmation(@Nullable UUID userId) {}

    /** What a check-in did; {@code checkedIn} is false while a poster check-in waits for the organiser. */
    record CheckedIn(String outcome, boolean checkedIn) {
        static CheckedIn of(Events.CheckInOutcome outcome) {
            return new CheckedIn(outcome.name(), outcome != Events.CheckInOutcome.AWAITING_CONFIRMATION);
        }
    }

    record Confirmed(int confirmed) {}

    /** A code with its link and QR code (a PNG data URI). */
    record Code(String code, String url, String qrCode, java.time.@Nullable Instant changesAt) {}

    /** The check-in link and its QR code, for the organiser to print or show. */
    record CheckInLink(String url, String qrCode) {}

    private final Events events;

    EventApiController(Events events) {
        this.events = events;
    }

    @GetMapping
    @Operation(summary = "Events that have not ended, soonest first")
    List<Event> upcoming() {
        return events.upcoming(200);
    }

    @GetMapping("/{id}")
    @Operation(summary = "An event")
    Event one(@PathVariable UUID id) {
        return events.get(id);
    }

    @PostMapping
    @Operation(
            summary = "Create an event (organisers of the organisation)",
            description =
                    "Times are ISO 8601 with an offset. A behaviour credited at check-in must calculate under the "
                            + "current methodology with the given quantity and unit, or the event is refused (422).")
    ResponseEntity<Event> create(@AuthenticationPrincipal Actor me, @RequestBody EventForm body) {
        Event event = events.create(me, body);
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.id()))
                .body(event);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an event (organisers of its organisation)")
    Event update(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody EventForm body) {
        return events.update(me, id, body);
    }

    @PostMapping("/{id}/registrations")
    @Operation(summary = "Register the caller (409 when full or over)")
    ResponseEntity<Void> register(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        events.register(me, id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/registrations/me")
    @Operation(summary = "Cancel the caller's registration")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        events.cancel(me, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/check-ins")
    @Operation(
            summary = "Check the caller in with a code scanned at the event",
            description =
                    "For registered participants, from an hour before the start to an hour after the end (409 otherwise; "
                            + "409 event-walk-in-needs-organiser for people who did not register). The rotating code on the organiser's "
                            + "screen checks the caller in and credits the event's behaviour as organiser-verified (outcome CHECKED_IN); "
                            + "the poster's static code only notes the check-in until an organiser confirms it (AWAITING_CONFIRMATION). "
                            + "A wrong or expired code is 403.")
    CheckedIn checkIn(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody CheckIn body) {
        return CheckedIn.of(events.checkIn(me, id, body.code()));
    }

    @PostMapping("/{id}/check-ins/by-personal-code")
    @Operation(
            summary =
                    "Check an attendee in by the personal code on their phone (organisers of the event's organisation)")
    CheckedIn checkInByPersonalCode(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody PersonalCode body) {
        return CheckedIn.of(events.checkInByPersonalCode(me, id, body.code()));
    }

    @PostMapping("/{id}/check-ins/by-organiser")
    @Operation(summary = "Check a person in by email (organisers of the event's organisation)")
    CheckedIn checkInByOrganiser(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody CheckInByOrganiser body) {
        return CheckedIn.of(events.checkInByOrganiser(me, id, body.email()));
    }

    @PostMapping("/{id}/check-ins/confirmations")
    @Operation(summary = "Confirm poster check-ins (one attendee, or all waiting when userId is absent; organisers)")
    Confirmed confirm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Confirmation body) {
        return new Confirmed(events.confirm(me, id, body.userId()));
    }

    @GetMapping("/{id}/registrations/me/code")
    @Operation(summary = "The caller's personal check-in code, to show the organiser at the event")
    Code personalCode(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        String code = events.personalCode(me, id);
        String url = EventCodes.scanUrl(id, code);
        return new Code(code, url, dataUri(url), null);
    }

    @GetMapping("/{id}/screen-code")
    @Operation(
            summary =
                    "The rotating check-in code to show on a screen at the door (organisers); it changes every minute")
    Code screenCode(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        var shown = events.screenCode(me, id);
        String url = EventCodes.checkInUrl(id, shown.code());
        return new Code(shown.code(), url, dataUri(url), shown.changesAt());
    }

    private static String dataUri(String url) {
        return QrCodes.dataUri(url, 360);
    }

    @GetMapping("/{id}/check-in-link")
    @Operation(
            summary =
                    "The poster's static check-in link and its QR code as a PNG data URI (organisers of the event's organisation)",
            description = "Check-ins with this code wait for an organiser's confirmation before anything is credited.")
    CheckInLink link(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        String url = EventCodes.checkInUrl(id, events.checkInCode(me, id));
        return new CheckInLink(
                url,
                "data:" + MediaType.IMAGE_PNG_VALUE + ";base64,"
                        + Base64.getEncoder().encodeToString(EventCodes.png(url, 360)));
    }

    @GetMapping("/{id}/attendance")
    @Operation(summary = "Registrations, check-ins and credits (organisers of the event's organisation)")
    List<Events.Attendee> attendance(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return events.attendance(me, id);
    }
}
