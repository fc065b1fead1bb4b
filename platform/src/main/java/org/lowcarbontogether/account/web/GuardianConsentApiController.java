package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.GuardianConsents;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person under 14 and their guardian's consent, over the API: whether they still wait, and sending the link again. */
@RestController
@RequestMapping("/api/v1/account/guardian-consent")
@io.swagger.v3.oas.annotations.tags.Tag(name = "Accounts")
class GuardianConsentApiController {

    private final GuardianConsents guardians;

    GuardianConsentApiController(GuardianConsents guardians) {
        this.guardians = guardians;
    }

    record Status(
            boolean pending,
            @Nullable String guardianEmail,
            @Nullable Instant requestedAt,
            @Nullable Instant lastSentAt) {}

    @GetMapping
    @Operation(
            summary = "Whether my guardian's consent is awaited",
            description = "For a person who registered as under 14: pending until their guardian consents through the "
                    + "mailed link; meanwhile every record is refused with 403 guardian-consent-required.")
    Status status(@AuthenticationPrincipal AuthenticatedUser me) {
        return guardians
                .pending(me.id())
                .map(p -> new Status(true, p.guardianEmail(), p.requestedAt(), p.lastSentAt()))
                .orElseGet(() -> new Status(false, null, null, null));
    }

    @PostMapping("/resend")
    @Operation(
            summary = "Send my guardian the link again",
            description =
                    "A new link (7 days; earlier ones stop working). 409 guardian-consent-not-pending when nothing "
                            + "is awaited; 429 links-too-frequent beyond the limits of mailed links.")
    Status resend(@AuthenticationPrincipal AuthenticatedUser me) {
        var p = guardians.resend(me);
        return new Status(true, p.guardianEmail(), p.requestedAt(), p.lastSentAt());
    }
}
