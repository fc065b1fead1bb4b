package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.OrganisationApplications;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Applying for an organisation, and deciding applications (administrators and programme officers). */
@RestController
@Tag(name = "Organisation applications", description = "Organisations apply to join; the programme office decides")
class OrganisationApplicationApiController {

    record Decline(@Nullable String reason) {}

    private final OrganisationApplications applications;

    OrganisationApplicationApiController(OrganisationApplications applications) {
        this.applications = applications;
    }

    @PostMapping("/api/v1/account/organisation-applications")
    @Operation(
            summary = "Apply for an organisation: name, kind, description, website, contactEmail, region",
            description = "One open application per person and name, at most three open at once; a name an "
                    + "organisation already has is refused (409).")
    ResponseEntity<OrganisationApplications.Application> apply(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestBody OrganisationApplications.Form form) {
        var application = applications.apply(me, form);
        return ResponseEntity.created(URI.create("/api/v1/account/organisation-applications/" + application.id()))
                .body(application);
    }

    @GetMapping("/api/v1/account/organisation-applications")
    @Operation(summary = "My applications, newest first, with their state and any reason")
    List<OrganisationApplications.Application> mine(@AuthenticationPrincipal AuthenticatedUser me) {
        return applications.mine(me.id());
    }

    @GetMapping("/api/v1/account/organisation-applications/{id}")
    @Operation(summary = "One of my applications")
    OrganisationApplications.Application one(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return applications.get(me, id);
    }

    @GetMapping("/api/v1/admin/organisation-applications")
    @Operation(summary = "Applications in a state (OPEN by default), oldest first (administrators and officers)")
    List<OrganisationApplications.Application> queue(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestParam(required = false) @Nullable String state) {
        String asked = state == null || state.isBlank() ? "OPEN" : state.strip().toUpperCase(Locale.ROOT);
        for (var s : OrganisationApplications.State.values()) {
            if (s.name().equals(asked)) {
                return applications.queue(me, s);
            }
        }
        throw Refusal.invalid(List.of(Refusal.Violation.of("state", "value-unknown", asked)));
    }

    @PostMapping("/api/v1/admin/organisation-applications/{id}/admission")
    @Operation(summary = "Admit: the organisation is created and the applicant becomes its organiser")
    OrganisationApplications.Application admit(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return applications.admit(me, id);
    }

    @PostMapping("/api/v1/admin/organisation-applications/{id}/decline")
    @Operation(summary = "Decline with a reason the applicant reads")
    OrganisationApplications.Application decline(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @RequestBody Decline body) {
        return applications.decline(me, id, body.reason());
    }
}
