package org.lowcarbontogether.methodology.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.methodology.MethodologyCsv;
import org.lowcarbontogether.methodology.MethodologyDocuments;
import org.lowcarbontogether.methodology.MethodologyGovernance;
import org.lowcarbontogether.methodology.MethodologyGovernance.Draft;
import org.lowcarbontogether.methodology.MethodologyVersion;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.LocalizedText;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Role;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/** Drafting, reviewing, publishing and retiring methodology versions: reviewers and administrators only. */
@RestController
@RequestMapping("/api/v1/methodology")
@Tag(name = "Methodology review", description = "Reviewer-only: drafts, review and publication")
class MethodologyReviewApiController {

    private final MethodologyGovernance governance;

    MethodologyReviewApiController(MethodologyGovernance governance) {
        this.governance = governance;
    }

    record NewDraft(
            @Nullable String basedOn,
            @Nullable String version,
            @Nullable LocalizedText changelog,
            java.time.@Nullable LocalDate effectiveFrom) {}

    record Decision(@Nullable String comment) {}

    @GetMapping("/drafts")
    @Operation(summary = "Drafts and versions in review")
    List<Draft> drafts(@AuthenticationPrincipal Actor me) {
        requireReviewerOrAdmin(me);
        return governance.drafts();
    }

    @GetMapping("/drafts/{version}")
    @Operation(summary = "One draft, with what keeps it from being complete and its trail")
    Draft draft(@AuthenticationPrincipal Actor me, @PathVariable String version) {
        requireReviewerOrAdmin(me);
        return governance.draft(version);
    }

    @PostMapping("/drafts")
    @Operation(summary = "Start a draft from a published version")
    ResponseEntity<Draft> create(@AuthenticationPrincipal Actor me, @RequestBody NewDraft request) {
        if (request.basedOn() == null
                || request.version() == null
                || request.changelog() == null
                || request.effectiveFrom() == null) {
            throw Refusal.invalid(List.of(
                    Refusal.Violation.of("basedOn", "field-required", "basedOn, version, changelog, effectiveFrom")));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(governance.createDraft(
                        me, request.basedOn(), request.version(), request.changelog(), request.effectiveFrom()));
    }

    @PostMapping(value = "/drafts/import", consumes = "application/json")
    @Operation(summary = "Import a whole version (JSON) as a new draft")
    ResponseEntity<Draft> importJson(@AuthenticationPrincipal Actor me, @RequestBody String document) {
        return ResponseEntity.status(HttpStatus.CREATED).body(governance.importDraft(me, () -> parseJson(document)));
    }

    @PostMapping(value = "/drafts/import", consumes = "application/zip")
    @Operation(summary = "Import a whole version (ZIP of CSV tables) as a new draft")
    ResponseEntity<Draft> importCsv(@AuthenticationPrincipal Actor me, @RequestBody byte[] zip) {
        return ResponseEntity.status(HttpStatus.CREATED).body(governance.importDraft(me, () -> parseCsv(zip)));
    }

    @PutMapping(value = "/drafts/{version}", consumes = "application/json")
    @Operation(summary = "Replace a draft's document (its author)")
    Draft replace(@AuthenticationPrincipal Actor me, @PathVariable String version, @RequestBody String document) {
        return governance.replaceDraft(me, version, parseJson(document));
    }

    @PostMapping("/drafts/{version}/submit")
    @Operation(summary = "Send a complete draft to review (its author)")
    Draft submit(
            @AuthenticationPrincipal Actor me,
            @PathVariable String version,
            @RequestBody(required = false) @Nullable Decision decision) {
        return governance.submit(me, version, decision == null ? null : decision.comment());
    }

    @PostMapping("/drafts/{version}/approve")
    @Operation(summary = "Publish a version in review (a reviewer who is not its author)")
    ResponseEntity<Void> approve(
            @AuthenticationPrincipal Actor me,
            @PathVariable String version,
            @RequestBody(required = false) @Nullable Decision decision) {
        governance.approve(me, version, decision == null ? null : decision.comment());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/drafts/{version}/reject")
    @Operation(summary = "Send a version in review back to its author, with reasons")
    Draft reject(@AuthenticationPrincipal Actor me, @PathVariable String version, @RequestBody Decision decision) {
        return governance.reject(me, version, decision.comment() == null ? "" : decision.comment());
    }

    @PostMapping("/{version}/retire")
    @Operation(
            summary = "Retire a published version (reviewers, administrators)",
            description = "Records keep it; new records no longer use it.")
    ResponseEntity<Void> retire(
            @AuthenticationPrincipal Actor me, @PathVariable String version, @RequestBody Decision decision) {
        governance.retire(me, version, decision.comment() == null ? "" : decision.comment());
        return ResponseEntity.noContent().build();
    }

    static MethodologyVersion parseJson(String document) {
        try {
            return MethodologyDocuments.read(document);
        } catch (JacksonException e) {
            // Where the document breaks, never the parser's own words (they name classes).
            var location = e.getLocation();
            throw Refusal.unacceptable(
                    "methodology-document-malformed",
                    "document",
                    location == null ? 0 : location.getLineNr(),
                    location == null ? 0 : location.getColumnNr());
        } catch (IllegalArgumentException e) {
            throw Refusal.unacceptable("methodology-document-invalid", "document", e.getMessage());
        }
    }

    static MethodologyVersion parseCsv(byte[] zip) {
        try {
            return MethodologyCsv.read(new ByteArrayInputStream(zip));
        } catch (MethodologyCsv.ArchiveTooLarge e) {
            throw Refusal.unacceptable(
                    "methodology-archive-too-large",
                    "document",
                    new DefaultMessageSourceResolvable("methodology.archiveLimit." + e.limit()));
        } catch (RuntimeException e) {
            throw Refusal.unacceptable("methodology-document-invalid", "document", e.getMessage());
        }
    }

    private static void requireReviewerOrAdmin(Actor me) {
        if (!me.hasRole(Role.REVIEWER) && !me.hasRole(Role.ADMIN)) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "forbidden", null);
        }
    }
}
