package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AccountSettings;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.EmailChanges;
import org.lowcarbontogether.account.EmailVerification;
import org.lowcarbontogether.account.PasswordResets;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The account's life by email over the API: password reset, address verification and change, mail language. */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "Accounts")
class AccountEmailApiController {

    private final PasswordResets resets;
    private final EmailVerification verification;
    private final EmailChanges changes;
    private final AccountSettings settings;

    AccountEmailApiController(
            PasswordResets resets, EmailVerification verification, EmailChanges changes, AccountSettings settings) {
        this.resets = resets;
        this.verification = verification;
        this.changes = changes;
        this.settings = settings;
    }

    record ResetRequest(@Nullable String email) {}

    record ResetConfirmation(
            @Nullable String token,
            @Nullable String newPassword,
            @Nullable Boolean revokeTokens) {}

    record ResetDone(boolean sessionsEnded, int tokensRevoked, int tokensKept) {}

    record LinkToken(@Nullable String token) {}

    record Verified(String email) {}

    record EmailChangeRequest(
            @Nullable String currentPassword, @Nullable String newEmail) {}

    record EmailChanged(String email, boolean sessionsEnded) {}

    record EmailChangeCancelled(String outcome, String email) {}

    record Language(@Nullable String language) {}

    @PostMapping("/password-reset")
    @Operation(
            summary = "Ask for a password-reset link (public)",
            description = "Always 202, whether or not the address has an account: if it has, a link working for 30 "
                    + "minutes is sent to it (at most a few an hour). 400 for a malformed address; 429 when this client "
                    + "asked too often.")
    ResponseEntity<Void> requestReset(@RequestBody ResetRequest body, HttpServletRequest request) {
        resets.request(body.email(), request.getRemoteAddr());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/password-reset/confirmation")
    @Operation(
            summary = "Set a new password with the link's token (public)",
            description =
                    "The token is the link's 'token' parameter; it works once. Every session of the account ends; "
                            + "its API tokens are revoked only with revokeTokens=true. 400 lists a weak password; 404 "
                            + "link-unknown, 409 link-used, 422 link-expired.")
    ResetDone reset(@RequestBody ResetConfirmation body) {
        var reset = resets.reset(body.token(), body.newPassword(), Boolean.TRUE.equals(body.revokeTokens()));
        return new ResetDone(true, reset.tokensRevoked(), reset.tokensKept());
    }

    @PostMapping("/email-verification")
    @Operation(
            summary = "Verify my address with the link's token (public)",
            description = "404 link-unknown, 409 link-used, 422 link-expired.")
    Verified verify(@RequestBody LinkToken body) {
        return new Verified(verification.verify(body.token()));
    }

    @PostMapping("/email-verification/resend")
    @Operation(
            summary = "Send the verification link again",
            description = "409 when the address is verified already; 429 after a few an hour.")
    ResponseEntity<Void> resend(@AuthenticationPrincipal AuthenticatedUser me) {
        verification.resend(me);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/email")
    @Operation(summary = "My address: verified or not, the language of mail, a change waiting for its link")
    AccountSettings.Settings email(@AuthenticationPrincipal AuthenticatedUser me) {
        return settings.of(me.id());
    }

    @PostMapping("/email")
    @Operation(
            summary = "Move my account to another address",
            description = "Needs the current password. A link to confirm goes to the new address (the change happens "
                    + "only when it is followed) and a notice to the current one, with a link to cancel. 400 for a "
                    + "wrong password or malformed address; 409 email-change-taken for an address another account has.")
    ResponseEntity<Void> changeEmail(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestBody EmailChangeRequest body,
            HttpServletRequest request) {
        changes.request(me, request.getRemoteAddr(), body.currentPassword(), body.newEmail());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/email/confirmation")
    @Operation(
            summary = "Confirm an address change with the token of the link sent to the new address (public)",
            description = "The account moves to the new address and every session of it ends. 404 link-unknown, 409 "
                    + "link-used or email-change-taken, 422 link-expired.")
    EmailChanged confirmEmail(@RequestBody LinkToken body) {
        return new EmailChanged(changes.confirm(body.token()).to(), true);
    }

    @PostMapping("/email/cancellation")
    @Operation(
            summary = "Cancel an address change with the token of the link sent to the old address (public)",
            description = "CANCELLED when the change was not confirmed yet; UNDONE when it was: the account is back at "
                    + "the old address and every session of it ends.")
    EmailChangeCancelled cancelEmail(@RequestBody LinkToken body) {
        var cancelled = changes.cancel(body.token());
        return new EmailChangeCancelled(cancelled.outcome().name(), cancelled.email());
    }

    @PutMapping("/language")
    @Operation(summary = "Choose the language the platform writes to me in: en or zh-CN")
    ResponseEntity<Void> language(@AuthenticationPrincipal AuthenticatedUser me, @RequestBody Language body) {
        settings.setLanguage(me, body.language());
        return ResponseEntity.noContent().build();
    }
}
