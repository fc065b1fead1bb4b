package org.lowcarbontogether.partners.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.partners.PartnerClients;
import org.lowcarbontogether.partners.PartnerReports;
import org.lowcarbontogether.partners.PartnerSigningKeys;
import org.lowcarbontogether.partners.Partners;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Programme officers manage partners: onboarding, credentials, suspension, and each partner's figures. */
@RestController
@Tag(name = "Partners (officers)")
class PartnerAdminApiController {

    private final Partners partners;
    private final PartnerReports reports;
    private final PartnerSigningKeys signingKeys;

    PartnerAdminApiController(Partners partners, PartnerReports reports, PartnerSigningKeys signingKeys) {
        this.partners = partners;
        this.reports = reports;
        this.signingKeys = signingKeys;
    }

    @GetMapping("/api/v1/admin/partners/signing-keys")
    @Operation(summary = "The keys that sign partner tokens, newest first (kid, state, when each signs and retires)")
    PartnerSigningKeys.Overview signingKeys(@AuthenticationPrincipal AuthenticatedUser me) {
        return signingKeys.overview(me);
    }

    @PostMapping("/api/v1/admin/partners/signing-keys/rotate")
    @Operation(
            summary = "Make a new signing key: published now, signing after lct.partners.signing-keys.publish-ahead, or"
                    + " at once with immediately=true (a key thought exposed); tokens the previous key signed stay"
                    + " valid until they expire")
    ResponseEntity<PartnerSigningKeys.SigningKey> rotateSigningKey(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestParam(defaultValue = "false") boolean immediately) {
        return ResponseEntity.status(HttpStatus.CREATED).body(signingKeys.rotate(me, immediately));
    }

    @GetMapping("/api/v1/admin/partners")
    @Operation(summary = "Every partner")
    List<Partners.Partner> all(@AuthenticationPrincipal AuthenticatedUser me) {
        return partners.all(me);
    }

    @PostMapping("/api/v1/admin/partners")
    @Operation(summary = "Onboard a partner: names, organisation, behaviours, scenarios, redirect addresses")
    ResponseEntity<Partners.Partner> onboard(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestBody Partners.Onboarding onboarding) {
        return ResponseEntity.status(HttpStatus.CREATED).body(partners.onboard(me, onboarding));
    }

    @GetMapping("/api/v1/admin/partners/{id}")
    @Operation(summary = "A partner")
    Partners.Partner get(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return partners.get(me, id);
    }

    @PutMapping("/api/v1/admin/partners/{id}")
    @Operation(
            summary = "Change a partner: names, behaviours, scenarios, redirect addresses (its organisation stays); a"
                    + " scenario may lose behaviours, never gain one (422 scenario-widened)")
    Partners.Partner change(
            @AuthenticationPrincipal AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestBody Partners.Onboarding onboarding) {
        return partners.change(me, id, onboarding);
    }

    @GetMapping("/api/v1/admin/partners/{id}/clients")
    @Operation(summary = "A partner's clients (no secrets)")
    List<PartnerClients.Client> clients(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return partners.clients(me, id);
    }

    @PostMapping("/api/v1/admin/partners/{id}/credentials/{mode}")
    @Operation(summary = "Issue a mode's credentials, or a new secret (the previous one works for 7 more days)")
    ResponseEntity<PartnerClients.Credentials> credentials(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @PathVariable Partners.Mode mode) {
        return ResponseEntity.status(HttpStatus.CREATED).body(partners.issueCredentials(me, id, mode));
    }

    @DeleteMapping("/api/v1/admin/partners/{id}/credentials/{mode}/previous")
    @Operation(summary = "End the previous secret's overlap now")
    ResponseEntity<Void> endPrevious(
            @AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id, @PathVariable Partners.Mode mode) {
        partners.endPreviousSecret(me, id, mode);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/partners/{id}/suspension")
    @Operation(summary = "Suspend a partner: its activities are refused; links and records are kept")
    Partners.Partner suspend(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return partners.suspend(me, id);
    }

    @DeleteMapping("/api/v1/admin/partners/{id}/suspension")
    @Operation(summary = "Reactivate a suspended partner")
    Partners.Partner reactivate(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return partners.reactivate(me, id);
    }

    @GetMapping("/api/v1/admin/partners/{id}/report")
    @Operation(summary = "A partner's live figures: sent, credited, held, refused by reason, reversed, per behaviour")
    PartnerReports.Summary report(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        return reports.summary(me, id);
    }
}
