package org.lowcarbontogether.events.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.events.Events.Event;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Checking in at an event: the QR codes (the poster's, the door screen's rotating one, an attendee's personal one),
 * where they lead, and the organiser's scan of a personal code.
 */
@Controller
class EventCheckInPageController {

    private final Events events;
    private final ProblemWriter problems;

    EventCheckInPageController(Events events, ProblemWriter problems) {
        this.events = events;
        this.problems = problems;
    }

    /**
     * Where a check-in QR code leads: the rotating code on the organiser's screen checks a registered participant in;
     * the poster's code notes them for the organiser to confirm. Sign-in first brings them back here. Only an unknown
     * event is the error page: a wrong code or an organiser checking themselves in is said here.
     */
    @GetMapping("/events/{id}/check-in")
    String checkIn(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String code,
            Model model,
            Locale locale) {
        model.addAttribute("event", events.get(id));
        PageRefusals.attempt(() -> events.checkIn(me, id, code), e -> e.kind() == Refusal.Kind.NOT_FOUND)
                .handle(
                        outcome -> model.addAttribute("outcome", outcome.name()),
                        refusal -> model.addAttribute("problem", problems.describe(refusal, locale)));
        return "events/check-in";
    }

    /** The poster's static QR code (its check-ins wait for the organiser's confirmation). */
    @GetMapping(path = "/events/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        String url = EventCodes.checkInUrl(id, events.checkInCode(me, id));
        return png(url, 480);
    }

    /** A registered attendee's personal code, for the organiser to scan at the door. */
    @GetMapping(path = "/events/{id}/my-code.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> myCode(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return png(EventCodes.scanUrl(id, events.personalCode(me, id)), 360);
    }

    /** What an organiser's phone opens after scanning a personal code: who it is, and a button to check them in. */
    @GetMapping("/events/{id}/scan")
    String scan(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String code,
            Model model) {
        model.addAttribute("event", events.manageable(me, id));
        model.addAttribute("attendee", events.attendeeByCode(me, id, code));
        model.addAttribute("code", code);
        return "events/scan";
    }

    @PostMapping("/events/{id}/scan")
    String checkInScanned(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam String code,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.attempt(() -> events.checkInByPersonalCode(me, id, code))
                .handle(
                        outcome -> redirect.addFlashAttribute("scanned", outcome.name()),
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)));
        return "redirect:/events/" + id + "/scan?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    /** A page for a screen at the door: the rotating check-in code, replaced every minute. */
    @GetMapping("/events/{id}/screen")
    String screen(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        model.addAttribute("event", events.manageable(me, id));
        model.addAttribute("shown", events.screenCode(me, id));
        return "events/screen";
    }

    /** The screen's code as the page refreshes it (htmx). */
    @GetMapping("/events/{id}/screen/code")
    String screenCode(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        model.addAttribute("event", events.manageable(me, id));
        model.addAttribute("shown", events.screenCode(me, id));
        return "events/screen :: code";
    }

    @GetMapping(path = "/events/{id}/screen.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> screenPng(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return png(EventCodes.checkInUrl(id, events.screenCode(me, id).code()), 640);
    }

    /** A printable page with the QR code, for the organiser to put up at the door. */
    @GetMapping("/events/{id}/poster")
    String poster(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Event event = events.manageable(me, id);
        model.addAttribute("event", event);
        model.addAttribute("checkInUrl", EventCodes.checkInUrl(id, events.checkInCode(me, id)));
        return "events/poster";
    }

    private static ResponseEntity<byte[]> png(String url, int size) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(EventCodes.png(url, size));
    }
}
