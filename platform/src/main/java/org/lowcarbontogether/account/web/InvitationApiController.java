package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Organisations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's side of organisations: the invitations waiting for them and the organisations they belong to. */
@RestController
@Tag(name = "Organisations")
class InvitationApiController {

    private final Organisations organisations;

    InvitationApiController(Organisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping("/api/v1/account/invitations")
    @Operation(summary = "My invitations to organisations")
    List<Organisations.Invitation> invitations(@AuthenticationPrincipal AuthenticatedUser me) {
        return organisations.invitations(me.id());
    }

    @PostMapping("/api/v1/account/invitations/{organisationId}")
    @Operation(summary = "Accept an invitation: become a member in the role offered")
    Organisations.Organisation accept(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID organisationId) {
        return organisations.accept(me, organisationId);
    }

    @DeleteMapping("/api/v1/account/invitations/{organisationId}")
    @Operation(summary = "Decline an invitation")
    ResponseEntity<Void> decline(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID organisationId) {
        organisations.decline(me, organisationId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/account/organisations")
    @Operation(summary = "The organisations I belong to")
    List<Organisations.Organisation> mine(@AuthenticationPrincipal AuthenticatedUser me) {
        return organisations.of(me.id());
    }
}
