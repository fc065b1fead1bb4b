package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Organisations and their members: listed publicly, created by administrators, staffed by their own organisers. */
@RestController
@RequestMapping("/api/v1/organisations")
@Tag(
        name = "Organisations",
        description =
                "NGOs, campus associations, employers, neighbourhood communities, enterprises, internet partners, coalitions")
class OrganisationApiController {

    record NewOrganisation(@Nullable String name, @Nullable String kind) {}

    record NewMember(@Nullable String email, @Nullable String role) {}

    private final Organisations organisations;

    OrganisationApiController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping
    @Operation(summary = "All organisations")
    List<Organisations.Organisation> all() {
        return organisations.all();
    }

    @GetMapping("/{id}")
    @Operation(summary = "An organisation")
    Organisations.Organisation one(@PathVariable UUID id) {
        return organisations.get(id);
    }

    @PostMapping
    @Operation(summary = "Create an organisation (administrators)")
    ResponseEntity<Organisations.Organisation> create(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestBody NewOrganisation body) {
        var organisation = organisations.create(me, body.name(), body.kind());
        return ResponseEntity.created(URI.create("/api/v1/organisations/" + organisation.id()))
                .body(organisation);
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "Members and their roles (the organisation's organisers)")
    List<Organisations.Member> members(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return organisations.members(me, id);
    }

    @PostMapping("/{id}/members")
    @Operation(
            summary =
                    "Invite a person by email as MEMBER or ORGANISER, or change a member's role (the organisation's organisers)",
            description = "Someone who is not yet a member is invited: they become a member only when they accept "
                    + "(POST /api/v1/account/invitations/{organisationId}); until then the organisation can neither see their "
                    + "activity nor import records for them.")
    Organisations.Member add(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @RequestBody NewMember body) {
        return organisations.addMember(me, id, body.email(), body.role());
    }

    @DeleteMapping("/{id}/membership")
    @Operation(summary = "Leave an organisation (the member themselves; never the last organiser)")
    ResponseEntity<Void> leave(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        organisations.leave(me, id);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/members/{userId}")
    @Operation(
            summary =
                    "Remove a member or withdraw an invitation (the organisation's organisers, or the member themselves; never the last organiser)")
    ResponseEntity<Void> remove(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @PathVariable UUID userId) {
        organisations.removeMember(me, id, userId);
        return ResponseEntity.noContent().build();
    }
}
