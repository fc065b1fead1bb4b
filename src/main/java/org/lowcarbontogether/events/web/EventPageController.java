package org.lowcarbontogether.events.web;

import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.ProgrammeCalendar;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.Organisations;
import org.lowcarbontogether.communities.Communities;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.events.Events.Event;
import org.lowcarbontogether.events.Events.EventForm;
import org.lowcarbontogether.methodology.Methodology;
import org.lowcarbontogether.platform.FormFields;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.lowcarbontogether.platform.ProblemWriter;
import org.springframework.http.ContentDisposition;
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

/** Event pages: the calendar, an event with registration, the QR check-in, and the organiser's tools. */
@Controller
class EventPageController {

    private final Events events;
    private final Organisations organisations;
    private final Communities communities;
    private final Methodology methodology;
    private final ProblemWriter problems;

    EventPageController(Events events, Organisations organisations, Communities communities, Methodology methodology,
            ProblemWriter problems) {
        this.events = events;
        this.organisations = organisations;
        this.communities = communities;
        this.methodology = methodology;
        this.problems = problems;
    }

    @GetMapping("/events")
    String calendar(@AuthenticationPrincipal @Nullable Actor me, Model model) {
        model.addAttribute("events", events.upcoming(100));
        model.addAttribute("mine", me == null ? List.of() : events.registeredBy(me.id()));
        model.addAttribute("mayCreate", me != null && !organisations.organisedBy(me.id()).isEmpty());
        return "events/calendar";
    }

    @GetMapping("/events/{id}")
    String event(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Event event = events.get(id);
        model.addAttribute("event", event);
        var registration = me == null ? null : events.registrationOf(id, me.id()).orElse(null);
        model.addAttribute("registration", registration);
        model.addAttribute("mayManage", events.mayManage(me, event));
        model.addAttribute("behaviourName", event.behaviour() == null ? null
                : methodology.behaviourNames(locale).getOrDefault(event.behaviour(), event.behaviour()));
        return "events/event";
    }

    @PostMapping("/events/{id}/register")
    String register(@AuthenticationPrincipal Actor me, @PathVariable UUID id, RedirectAttributes redirect,
            Locale locale) {
        try {
            events.register(me, id);
        } catch (Refusal e) {
            if (e.kind() != Refusal.Kind.CONFLICT) {
                throw e;
            }
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/events/" + id;
    }

    @PostMapping("/events/{id}/cancel")
    String cancel(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        events.cancel(me, id);
        return "redirect:/events/" + id;
    }

    /**
     * Where a check-in QR code leads: the rotating code on the organiser's screen checks a registered participant in;
     * the poster's code notes them for the organiser to confirm. Sign-in first brings them back here.
     */
    @GetMapping("/events/{id}/check-in")
    String checkIn(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String code, Model model, Locale locale) {
        Event event = events.get(id);
        model.addAttribute("event", event);
        try {
            model.addAttribute("outcome", events.checkIn(me, id, code).name());
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("problem", problems.describe(e, locale));
        }
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
    String scan(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String code, Model model) {
        model.addAttribute("event", events.manageable(me, id));
        model.addAttribute("attendee", events.attendeeByCode(me, id, code));
        model.addAttribute("code", code);
        return "events/scan";
    }

    @PostMapping("/events/{id}/scan")
    String checkInScanned(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam String code,
            RedirectAttributes redirect, Locale locale) {
        try {
            var outcome = events.checkInByPersonalCode(me, id, code);
            redirect.addFlashAttribute("scanned", outcome.name());
        } catch (Refusal e) {
            if (e.deniesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/events/" + id + "/scan?code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8);
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

    private static ResponseEntity<byte[]> png(String url, int size) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "private, no-store").body(EventCodes.png(url, size));
    }

    /** A printable page with the QR code, for the organiser to put up at the door. */
    @GetMapping("/events/{id}/poster")
    String poster(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        Event event = events.manageable(me, id);
        model.addAttribute("event", event);
        model.addAttribute("checkInUrl", EventCodes.checkInUrl(id, events.checkInCode(me, id)));
        return "events/poster";
    }

    @GetMapping("/events/{id}/attendance")
    String attendance(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        model.addAttribute("event", events.manageable(me, id));
        model.addAttribute("attendees", events.attendance(me, id));
        return "events/attendance";
    }

    @PostMapping("/events/{id}/attendance")
    String checkInByOrganiser(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam String email,
            RedirectAttributes redirect, Locale locale) {
        try {
            events.checkInByOrganiser(me, id, email);
            redirect.addFlashAttribute("checkedInEmail", email);
        } catch (Refusal e) {
            if (e.deniesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("problem", problems.describe(e, locale));
        }
        return "redirect:/events/" + id + "/attendance";
    }

    /** Confirms poster check-ins: one attendee's, or every one waiting. */
    @PostMapping("/events/{id}/attendance/confirm")
    String confirm(@AuthenticationPrincipal Actor me, @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID userId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("confirmed", events.confirm(me, id, userId));
        return "redirect:/events/" + id + "/attendance";
    }

    @GetMapping("/events/{id}/attendance.csv")
    ResponseEntity<byte[]> attendanceCsv(@AuthenticationPrincipal Actor me, @PathVariable UUID id) throws IOException {
        var attendees = events.attendance(me, id);
        var out = new StringWriter();
        try (var csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("name", "email", "registered_at", "cancelled_at",
                "checked_in_at", "checked_in_by_organiser", "check_in_method", "confirmed_at", "credit_status", "credit_reason",
                "credited_grams").get())) {
            for (var a : attendees) {
                csv.printRecord(org.lowcarbontogether.platform.CsvCells.safe(a.name()), org.lowcarbontogether.platform.CsvCells.safe(a.email()),
                        a.registeredAt(), a.cancelledAt(), a.checkedInAt(), a.checkedInByOrganiser(), a.checkInMethod(),
                        a.confirmedAt(), a.creditStatus(), a.creditReason(), a.creditedGrams());
            }
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("attendance-" + id + ".csv").build().toString())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/events/new")
    String newForm(@AuthenticationPrincipal Actor me, Model model, Locale locale,
            @RequestParam(required = false) @Nullable UUID community) {
        var values = new HashMap<String, String>();
        values.put("kind", "CLOTHES_SWAP");
        if (community != null) {
            values.put("communityId", community.toString());
        }
        return form(me, model, null, values, Map.of(), locale);
    }

    @PostMapping("/events/new")
    String create(@AuthenticationPrincipal Actor me, @RequestParam Map<String, String> values, Model model,
            Locale locale) {
        try {
            Event event = events.create(me, form(values));
            return "redirect:/events/" + event.id();
        } catch (Refusal e) {
            if (e.kind() == Refusal.Kind.FORBIDDEN) {
                throw e;
            }
            return form(me, model, null, values, problems.fieldMessages(e, locale), locale);
        }
    }

    @GetMapping("/events/{id}/edit")
    String editForm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model, Locale locale) {
        Event e = events.manageable(me, id);
        var values = new HashMap<String, String>();
        values.put("organisationId", e.organisationId().toString());
        values.put("communityId", e.communityId() == null ? "" : e.communityId().toString());
        values.put("title", e.title());
        values.put("description", e.description());
        values.put("kind", e.kind().name());
        values.put("startsAt", LocalDateTime.ofInstant(e.startsAt(), ProgrammeCalendar.ZONE).toString());
        values.put("endsAt", LocalDateTime.ofInstant(e.endsAt(), ProgrammeCalendar.ZONE).toString());
        values.put("place", e.place() == null ? "" : e.place());
        values.put("onlineUrl", e.onlineUrl() == null ? "" : e.onlineUrl());
        values.put("capacity", e.capacity() == null ? "" : e.capacity().toString());
        values.put("behaviour", e.behaviour() == null ? "" : e.behaviour());
        values.put("quantity", e.quantity() == null ? "" : e.quantity().stripTrailingZeros().toPlainString());
        values.put("unit", e.unit() == null ? "" : e.unit());
        values.put("parameters", String.join(", ", e.parameters().entrySet().stream()
                .map(p -> p.getKey() + "=" + p.getValue().stripTrailingZeros().toPlainString()).toList()));
        return form(me, model, e, values, Map.of(), locale);
    }

    @PostMapping("/events/{id}/edit")
    String update(@AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestParam Map<String, String> values,
            Model model, Locale locale) {
        Event event = events.manageable(me, id);
        try {
            events.update(me, id, form(values));
            return "redirect:/events/" + id;
        } catch (Refusal e) {
            return form(me, model, event, values, problems.fieldMessages(e, locale), locale);
        }
    }

    private String form(Actor me, Model model, @Nullable Event event, Map<String, String> values,
            Map<String, String> errors, Locale locale) {
        var organised = organisations.organisedBy(me.id());
        model.addAttribute("event", event);
        model.addAttribute("organisations", organised);
        model.addAttribute("communities", organised.stream().flatMap(o -> communities.ofOrganisation(o.id()).stream()).toList());
        model.addAttribute("kinds", Events.Kind.values());
        var names = methodology.behaviourNames(locale);
        model.addAttribute("behaviours", methodology.current().behaviours().stream()
                .map(b -> Map.of("code", b.code(), "name", names.get(b.code()), "unit", b.unit()))
                .toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "events/form";
    }

    /** The form's fields as the service expects them; times are entered in China Standard Time. */
    private static EventForm form(Map<String, String> values) {
        var violations = new ArrayList<Violation>();
        UUID organisationId = FormFields.uuid(values.get("organisationId"), "organisationId", violations);
        UUID communityId = FormFields.uuid(values.get("communityId"), "communityId", violations);
        OffsetDateTime startsAt = FormFields.dateTime(values.get("startsAt"), ProgrammeCalendar.ZONE, "startsAt", violations);
        OffsetDateTime endsAt = FormFields.dateTime(values.get("endsAt"), ProgrammeCalendar.ZONE, "endsAt", violations);
        Integer capacity = FormFields.integer(values.get("capacity"), "capacity", violations);
        BigDecimal quantity = FormFields.decimal(values.get("quantity"), "quantity", violations);
        var parameters = new java.util.TreeMap<String, BigDecimal>();
        String inputs = FormFields.blank(values.get("parameters"));
        if (inputs != null) {
            for (String pair : inputs.split("[,;\\n]")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && !kv[0].isBlank()) {
                    BigDecimal value = FormFields.decimal(kv[1], "parameters", violations);
                    if (value != null) {
                        parameters.put(kv[0].strip(), value);
                    }
                } else if (!pair.isBlank()) {
                    violations.add(Violation.of("parameters", "number-invalid", pair.strip()));
                }
            }
        }
        FormFields.check(violations);
        return new EventForm(organisationId, communityId, values.get("title"), values.get("description"), values.get("kind"),
                startsAt, endsAt, FormFields.blank(values.get("place")), FormFields.blank(values.get("onlineUrl")), capacity,
                FormFields.blank(values.get("behaviour")), quantity, FormFields.blank(values.get("unit")), parameters);
    }
}
