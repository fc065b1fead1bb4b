package org.lowcarbontogether.rides.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.rides.InfrastructureReports;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/** Cycling-infrastructure reports on a map: anyone reads them, riders report and confirm, organisers triage. */
@Controller
class InfrastructurePageController {

    private final InfrastructureReports reports;
    private final ProblemWriter problems;
    private final JsonMapper json;

    InfrastructurePageController(InfrastructureReports reports, ProblemWriter problems, JsonMapper json) {
        this.reports = reports;
        this.problems = problems;
        this.json = json;
    }

    @GetMapping("/infrastructure")
    String all(
            @AuthenticationPrincipal @Nullable Actor me,
            @RequestParam(required = false) @Nullable String status,
            Model model) {
        return page(me, InfrastructureForms.status(status), model, null);
    }

    private String page(
            @Nullable Actor me, InfrastructureReports.@Nullable Status status, Model model, @Nullable String problem) {
        var all = reports.all(me, status);
        model.addAttribute("reports", all);
        model.addAttribute(
                "pins",
                json.writeValueAsString(all.stream()
                        .map(r -> java.util.Map.of(
                                "id",
                                r.id().toString(),
                                "lat",
                                r.lat(),
                                "lon",
                                r.lon(),
                                "status",
                                r.status().name(),
                                "segment",
                                r.segment()))
                        .toList()));
        model.addAttribute("status", status == null ? "" : status.name());
        model.addAttribute("statuses", InfrastructureReports.Status.values());
        model.addAttribute("categories", InfrastructureReports.Category.values());
        model.addAttribute("signedIn", me != null);
        model.addAttribute("triager", InfrastructureReports.canTriage(me));
        model.addAttribute("problem", problem);
        return "rides/infrastructure";
    }

    @PostMapping("/infrastructure")
    String report(
            @AuthenticationPrincipal Actor me,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable Double lat,
            @RequestParam(required = false) @Nullable Double lon,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable MultipartFile photo,
            Locale locale,
            Model model)
            throws IOException {
        if (me == null) {
            return "redirect:/login";
        }
        try {
            var made = reports.report(
                    me,
                    category,
                    lat,
                    lon,
                    segment,
                    description,
                    photo == null || photo.isEmpty() ? null : photo.getBytes());
            return "redirect:/infrastructure?reported#report-" + made.id();
        } catch (Refusal refusal) {
            return page(me, null, model, problems.describe(refusal, locale));
        }
    }

    @PostMapping("/infrastructure/{id}/confirm")
    String confirm(@AuthenticationPrincipal Actor me, @PathVariable UUID id, Locale locale, Model model) {
        try {
            reports.confirm(me, id);
            return "redirect:/infrastructure#report-" + id;
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            return page(me, null, model, problems.describe(refusal, locale));
        }
    }

    @PostMapping("/infrastructure/{id}/status")
    String triage(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String note,
            Locale locale,
            Model model) {
        try {
            reports.triage(me, id, status, note);
            return "redirect:/infrastructure#report-" + id;
        } catch (Refusal refusal) {
            if (refusal.deniesAccess()) {
                throw refusal;
            }
            return page(me, null, model, problems.describe(refusal, locale));
        }
    }

    @GetMapping(path = "/infrastructure/{id}/photo", produces = MediaType.IMAGE_JPEG_VALUE)
    @ResponseBody
    byte[] photo(@PathVariable UUID id) {
        return reports.photo(id);
    }

    @GetMapping("/infrastructure/export.geojson")
    ResponseEntity<String> geoJson(@AuthenticationPrincipal @Nullable Actor me) {
        var body = json.writeValueAsString(InfrastructureReports.geoJson(reports.export(orNobody(me))));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"infrastructure-reports.geojson\"")
                .contentType(new MediaType("application", "geo+json", StandardCharsets.UTF_8))
                .body(body);
    }

    @GetMapping("/infrastructure/export.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal @Nullable Actor me) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"infrastructure-reports.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(InfrastructureForms.csv(reports.export(orNobody(me))).getBytes(StandardCharsets.UTF_8));
    }

    private static Actor orNobody(@Nullable Actor me) {
        return me != null ? me : Actor.of(new UUID(0, 0), java.util.Set.of());
    }
}
