package org.lowcarbontogether.grants.web;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.grants.ProgrammeImpact;
import org.lowcarbontogether.grants.Programmes;
import org.lowcarbontogether.shared.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The office's programmes side by side — cycles by year, the same definitions for every one — and each programme's
 * auditor's bundle (a ZIP of the executive summary in both languages, its tables, the methodology and model versions
 * and the definitions). Officers see their programmes; administrators all of them.
 */
@Controller
class ProgrammesComparedController {

    private final Programmes programmes;
    private final ProgrammeImpact impact;
    private final AuditBundle bundle;

    ProgrammesComparedController(Programmes programmes, ProgrammeImpact impact, AuditBundle bundle) {
        this.programmes = programmes;
        this.impact = impact;
        this.bundle = bundle;
    }

    @GetMapping("/office/programmes")
    String compared(@AuthenticationPrincipal Actor me, Model model) {
        model.addAttribute("compared", impact.compared(me));
        return "grants/compare";
    }

    @GetMapping("/programmes/{id}/bundle.zip")
    ResponseEntity<byte[]> bundle(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        programmes.officerOf(me, id);
        var view = GrantFilters.view(impact, true, id, from, to, null, null, null, null, false);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("executive-summary-bundle.zip")
                                .build()
                                .toString())
                .body(bundle.zip(view));
    }
}
