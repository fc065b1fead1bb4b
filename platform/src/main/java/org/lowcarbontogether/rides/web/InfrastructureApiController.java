package org.lowcarbontogether.rides.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.rides.InfrastructureReports;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Cycling-infrastructure reports: pins anyone reads, riders add and confirm, organisers triage and export. */
@RestController
@RequestMapping("/api/v1/infrastructure-reports")
@Tag(name = "Infrastructure reports", description = "Riders' reports on cycling infrastructure, for the city")
class InfrastructureApiController {

    private final InfrastructureReports reports;

    InfrastructureApiController(InfrastructureReports reports) {
        this.reports = reports;
    }

    @GetMapping
    @Operation(summary = "Reports, newest first (at most 500), optionally of one status")
    List<InfrastructureReports.Report> all(
            @AuthenticationPrincipal @Nullable Actor me, @RequestParam(required = false) @Nullable String status) {
        return reports.all(me, InfrastructureForms.status(status));
    }

    @GetMapping("/{id}")
    InfrastructureReports.Report one(@AuthenticationPrincipal @Nullable Actor me, @PathVariable UUID id) {
        return reports.find(me, id);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Report a problem", description = """
                    Multipart form: 'category' (BROKEN_LANE, BLOCKED_LANE, MISSING_PARKING, DANGEROUS_JUNCTION,
                    BIKE_SHARE_SHORTAGE), 'lat' and 'lon' for a pin or 'segment' for a stretch of lane
                    ("lat,lon;lat,lon;…", 2 to 20 positions, at most 2 km; its halfway point becomes the pin),
                    'description' (up to 2,000 characters) and optionally a 'photo' (JPEG or PNG, re-encoded without
                    its metadata).""")
    ResponseEntity<InfrastructureReports.Report> report(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable Double lat,
            @RequestParam(required = false) @Nullable Double lon,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable MultipartFile photo)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(reports.report(
                        me,
                        category,
                        lat,
                        lon,
                        segment,
                        description,
                        photo == null || photo.isEmpty() ? null : photo.getBytes()));
    }

    @PostMapping("/{id}/confirmations")
    @Operation(summary = "Confirm another rider's report (once)")
    InfrastructureReports.Report confirm(@AuthenticationPrincipal Actor me, @PathVariable UUID id) {
        return reports.confirm(me, id);
    }

    /** The next status and an optional note for the reporter and the city. */
    record Triage(@Nullable String status, @Nullable String note) {}

    @PostMapping("/{id}/status")
    @Operation(summary = "Triage a report (organisers, programme officers)", description = """
                    NEW → CONFIRMED, SENT_TO_CITY or WONT_FIX; CONFIRMED → SENT_TO_CITY or WONT_FIX; SENT_TO_CITY →
                    RESOLVED or WONT_FIX. Another move is 409 'report-transition'.""")
    InfrastructureReports.Report triage(
            @AuthenticationPrincipal Actor me, @PathVariable UUID id, @RequestBody Triage triage) {
        return reports.triage(me, id, triage.status(), triage.note());
    }

    @GetMapping(path = "/export.geojson", produces = "application/geo+json")
    @Operation(summary = "Every report with the ride density around it, as GeoJSON (organisers, programme officers)")
    Map<String, Object> geoJson(@AuthenticationPrincipal Actor me) {
        return InfrastructureReports.geoJson(reports.export(me));
    }

    @GetMapping(path = "/export.csv", produces = "text/csv")
    @Operation(summary = "Every report with the ride density around it, as CSV (organisers, programme officers)")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal Actor me) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"infrastructure-reports.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(InfrastructureForms.csv(reports.export(me)).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(path = "/{id}/photo", produces = MediaType.IMAGE_JPEG_VALUE)
    byte[] photo(@PathVariable UUID id) {
        return reports.photo(id);
    }
}
