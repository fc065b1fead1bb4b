package org.lowcarbontogether.events.web;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.CsvCells;
import org.lowcarbontogether.platform.PageRefusals;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.shared.Actor;
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

/** An event's attendance list for its organisers: checking people in by email, confirming poster check-ins, the CSV. */
@Controller
class EventAttendancePageController {

    private final Events events;
    private final ProblemWriter problems;

    EventAttendancePageController(Events events, ProblemWriter problems) {
        this.events = events;
        this.problems = problems;
    }

    @GetMapping("/events/{id}/attendance")
    String attendance(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Model model) {
        model.addAttribute("event", events.manageable(me, id));
        model.addAttribute("attendees", events.attendance(me, id));
        return "events/attendance";
    }

    @PostMapping("/events/{id}/attendance")
    String checkInByOrganiser(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam String email,
            RedirectAttributes redirect,
            Locale locale) {
        PageRefusals.refusalOf(() -> events.checkInByOrganiser(me, id, email))
                .ifPresentOrElse(
                        refusal -> redirect.addFlashAttribute("problem", problems.describe(refusal, locale)),
                        () -> redirect.addFlashAttribute("checkedInEmail", email));
        return "redirect:/events/" + id + "/attendance";
    }

    /** Confirms poster check-ins: one attendee's, or every one waiting. */
    @PostMapping("/events/{id}/attendance/confirm")
    String confirm(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable UUID userId,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("confirmed", events.confirm(me, id, userId));
        return "redirect:/events/" + id + "/attendance";
    }

    @GetMapping("/events/{id}/attendance.csv")
    ResponseEntity<byte[]> attendanceCsv(@AuthenticationPrincipal Actor me, @PathVariable UUID id) throws IOException {
        var attendees = events.attendance(me, id);
        var out = new StringWriter();
        try (var csv = new CSVPrinter(
                out,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(
                                "name",
                                "email",
                                "registered_at",
                                "cancelled_at",
                                "checked_in_at",
                                "checked_in_by_organiser",
                                "check_in_method",
                                "confirmed_at",
                                "credit_status",
                                "credit_reason",
                                "credited_grams")
                        .get())) {
            for (var a : attendees) {
                csv.printRecord(
                        CsvCells.safe(a.name()),
                        CsvCells.safe(a.email()),
                        a.registeredAt(),
                        a.cancelledAt(),
                        a.checkedInAt(),
                        a.checkedInByOrganiser(),
                        a.checkInMethod(),
                        a.confirmedAt(),
                        a.creditStatus(),
                        a.creditReason(),
                        a.creditedGrams());
            }
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("attendance-" + id + ".csv")
                                .build()
                                .toString())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
