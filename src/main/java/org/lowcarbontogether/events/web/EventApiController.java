package org.lowcarbontogether.events.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.events.Events.Event;
import org.lowcarbontogether.events.Events.EventForm;
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

    record CheckedIn(boolean checkedIn) {}

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
    @Operation(summary = "Create an event (organisers of the organisation)",
            description = "Times are ISO 8601 with an offset. A behaviour credited at check-in must calculate under the "
                    + "current methodology with the given quantity and unit, or the event is refused (422).")
    ResponseEntity<Event> create(@AuthenticationPrincipal AuthenticatedUser me, @RequestBody EventForm body) {
        Event event = events.create(me, body);
        return ResponseEntity.created(URI.create("/api/v1/events/" + event.id())).body(event);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change an event (organisers of its organisation)")
    Event update(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @RequestBody EventForm body) {
        return events.update(me, id, body);
    }

    @PostMapping("/{id}/registrations")
    @Operation(summary = "Register the caller (409 when full or over)")
    ResponseEntity<Void> register(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        events.register(me, id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/registrations/me")
    @Operation(summary = "Cancel the caller's registration")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        events.cancel(me, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/check-ins")
    @Operation(summary = "Check the caller in with the code from the event's QR code",
            description = "Open from an hour before the start to an hour after the end (409 otherwise); a wrong code is 403. "
                    + "The event's behaviour is then credited to the caller as organiser-verified.")
    CheckedIn checkIn(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @RequestBody CheckIn body) {
        return new CheckedIn(events.checkIn(me, id, body.code()));
    }

    @PostMapping("/{id}/check-ins/by-organiser")
    @Operation(summary = "Check a person in by email (organisers of the event's organisation)")
    CheckedIn checkInByOrganiser(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id,
            @RequestBody CheckInByOrganiser body) {
        return new CheckedIn(events.checkInByOrganiser(me, id, body.email()));
    }

    @GetMapping("/{id}/check-in-link")
    @Operation(summary = "The check-in link and its QR code as a PNG data URI (organisers of the event's organisation)")
    CheckInLink link(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        String url = EventCodes.checkInUrl(id, events.checkInCode(me, id));
        return new CheckInLink(url, "data:" + MediaType.IMAGE_PNG_VALUE + ";base64,"
                + java.util.Base64.getEncoder().encodeToString(EventCodes.png(url, 360)));
    }

    @GetMapping("/{id}/attendance")
    @Operation(summary = "Registrations, check-ins and credits (organisers of the event's organisation)")
    List<Events.Attendee> attendance(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return events.attendance(me, id);
    }
}
