package org.lowcarbontogether.communities.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.communities.CommunityInvitations;
import org.lowcarbontogether.shared.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Invitations to communities over the API: organisers invite addresses; invited people list, accept and decline. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Communities")
class CommunityInvitationApiController {

    private final CommunityInvitations invitations;

    CommunityInvitationApiController(CommunityInvitations invitations) {
        this.invitations = invitations;
    }

    record InvitationRequest(
            @Nullable List<String> emails, @Nullable String message) {}

    record Joined(UUID communityId, String name) {}

    @PostMapping("/communities/{id}/invitations")
    @Operation(
            summary = "Invite people to a community by email",
            description = "For organisers of the community's organisation (403 otherwise): up to 50 addresses and an "
                    + "optional note (500 characters). Each is mailed a link — in its account's language, or in the "
                    + "language of Accept-Language for an address without an account (the link then leads to "
                    + "registration). Members and addresses already invited are skipped, with why. An invitation works "
                    + "for 30 days; nobody joins without accepting. 400 lists malformed addresses; 429 beyond the "
                    + "organiser's daily allowance (lct.communities.invitations-per-day).")
    ResponseEntity<CommunityInvitations.Sent> invite(
            @AuthenticationPrincipal Actor me,
            @PathVariable UUID id,
            @RequestBody InvitationRequest request,
            Locale locale) {
        var sent = invitations.invite(
                me, id, request.emails() == null ? List.of() : request.emails(), request.message(), locale);
        return ResponseEntity.status(201).body(sent);
    }

    @GetMapping("/account/community-invitations")
    @Operation(summary = "My invitations to communities that still work, newest first")
    List<CommunityInvitations.Invitation> mine(@AuthenticationPrincipal Actor me) {
        return invitations.mine(me);
    }

    @PostMapping("/account/community-invitations/{invitationId}/accept")
    @Operation(
            summary = "Accept an invitation: join the community",
            description = "Members-only communities too, without a join request. 403 email-unverified until the "
                    + "address is confirmed; 404 for an invitation that is not mine or has expired.")
    Joined accept(@AuthenticationPrincipal Actor me, @PathVariable UUID invitationId) {
        var community = invitations.accept(me, invitationId);
        return new Joined(community.id(), community.name());
    }

    @PostMapping("/account/community-invitations/{invitationId}/decline")
    @Operation(summary = "Decline an invitation: it is deleted")
    ResponseEntity<Void> decline(@AuthenticationPrincipal Actor me, @PathVariable UUID invitationId) {
        invitations.decline(me, invitationId);
        return ResponseEntity.noContent().build();
    }
}
