package org.lowcarbontogether.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Objects;
import org.lowcarbontogether.partners.PartnerActivities;
import org.lowcarbontogether.partners.PartnerLinks;
import org.lowcarbontogether.partners.PartnerReports;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner API, for a partner's own systems with a client-credentials token: activities one at a time or in bulk,
 * the state of a link, and the day's reconciliation.
 */
@RestController
@Tag(name = "Partners")
class PartnerApiController {

    private final PartnerActivities activities;
    private final PartnerLinks links;
    private final PartnerReports reports;

    PartnerApiController(PartnerActivities activities, PartnerLinks links, PartnerReports reports) {
        this.activities = activities;
        this.links = links;
        this.reports = reports;
    }

    /** The partner and mode a token speaks for: only a client-credentials token (its subject is the client). */
    private PartnerActivities.Caller caller(Jwt jwt) {
        return caller(activities, jwt);
    }

    static PartnerActivities.Caller caller(PartnerActivities activities, Jwt jwt) {
        var audience = jwt.getAudience();
        String client = audience == null || audience.isEmpty() ? null : audience.getFirst();
        if (client == null || !client.equals(jwt.getSubject())) {
            throw Refusal.forbidden("client-credentials-required", null);
        }
        return activities.caller(client);
    }

    @PostMapping(value = "/api/v1/partner/activities", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send one activity for a linked person (idempotent by the partner's reference)")
    ResponseEntity<PartnerActivities.Answer> activity(
            @AuthenticationPrincipal Jwt jwt, @RequestBody PartnerActivities.Activity activity) {
        var answer = activities.receive(caller(jwt), activity);
        boolean made = answer.recordId() != null && !answer.replayed();
        return ResponseEntity.status(made ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }

    @PostMapping(
            value = "/api/v1/partner/activities/bulk",
            consumes = {"application/x-ndjson", "application/jsonl", "application/json"})
    @Operation(summary = "Send up to 10,000 activities as JSON lines; each row is answered")
    PartnerActivities.BulkResult jsonLines(@AuthenticationPrincipal Jwt jwt, @RequestBody String body) {
        return activities.receiveJsonLines(caller(jwt), body);
    }

    @PostMapping(value = "/api/v1/partner/activities/bulk", consumes = "text/csv")
    @Operation(summary = "Send up to 10,000 activities as CSV with a header row; each row is answered")
    PartnerActivities.BulkResult csv(@AuthenticationPrincipal Jwt jwt, @RequestBody String body) {
        return activities.receiveCsv(caller(jwt), body);
    }

    @GetMapping("/api/v1/partner/links/{subject}")
    @Operation(summary = "Whether a link is current, and the scenarios it shares")
    PartnerLinks.PartnerView link(@AuthenticationPrincipal Jwt jwt, @PathVariable String subject) {
        return links.forPartner(caller(jwt).partnerId(), subject);
    }

    @GetMapping("/api/v1/partner/reconciliation/{day}")
    @Operation(summary = "A day's totals (China Standard Time): sent, credited, held, refused by reason, per behaviour")
    PartnerReports.Summary reconciliation(@AuthenticationPrincipal Jwt jwt, @PathVariable LocalDate day) {
        return reports.day(caller(jwt), day);
    }

    @GetMapping(value = "/api/v1/partner/reconciliation/{day}/activities.csv", produces = "text/csv")
    @Operation(summary = "Every activity of a day and what became of it, as CSV")
    ResponseEntity<String> reconciliationCsv(@AuthenticationPrincipal Jwt jwt, @PathVariable LocalDate day) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"reconciliation-" + Objects.requireNonNull(day) + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(reports.dayCsv(caller(jwt), day));
    }
}
