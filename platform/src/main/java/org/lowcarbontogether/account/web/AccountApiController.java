package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Consents;
import org.lowcarbontogether.account.Passwords;
import org.lowcarbontogether.account.PersonalAccessTokens;
import org.lowcarbontogether.account.PrivacyNotice;
import org.lowcarbontogether.account.Registration;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public registration and personal access tokens. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Registration, password and personal access tokens")
class AccountApiController {

    private final Registration registration;
    private final PersonalAccessTokens tokens;
    private final Passwords passwords;

    AccountApiController(Registration registration, PersonalAccessTokens tokens, Passwords passwords) {
        this.registration = registration;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    record PasswordChangeRequest(
            @Nullable String currentPassword,
            @Nullable String newPassword,
            @Nullable Boolean keepTokens) {}

    record PasswordChanged(int tokensRevoked) {}

    @PostMapping("/account/password")
    @Operation(
            summary = "Change my password",
            description =
                    "Asks for the current password (counted like a sign-in attempt). Ends every web session of mine and "
                            + "revokes every token but the one making this request, unless keepTokens is true. 400 lists invalid "
                            + "fields; 429 while wrong attempts must wait.")
    PasswordChanged changePassword(
            @AuthenticationPrincipal AuthenticatedUser me,
            Authentication authentication,
            @RequestBody PasswordChangeRequest request,
            HttpServletRequest http) {
        var changed = passwords.change(
                me,
                http.getRemoteAddr(),
                new Passwords.Change(
                        request.currentPassword(), request.newPassword(), Boolean.TRUE.equals(request.keepTokens())),
                authentication.getDetails() instanceof UUID token ? token : null);
        return new PasswordChanged(changed.tokensRevoked());
    }

    record RegistrationRequest(
            @Nullable String email,
            @Nullable String password,
            @Nullable String displayName,
            @Nullable Boolean under14,
            @Nullable String guardianEmail) {}

    record UserResponse(
            UUID id, String email, String displayName, String privacyNoticeAccepted, boolean guardianConsentPending) {}

    record TokenRequest(@Nullable String name, @Nullable List<String> scopes) {}

    record TokenResponse(UUID id, String token, String tokenType, List<String> scopes, Instant expiresAt) {}

    @PostMapping("/users")
    @Operation(
            summary = "Register an account",
            description =
                    "Public. Registering accepts the current privacy notice (/privacy): a client shows it to the person "
                            + "first; the version accepted is in the answer. 400 lists every invalid field; 409 when the email is "
                            + "taken. A link to verify the address is sent to it, in the language of Accept-Language; until it is "
                            + "followed the account cannot redeem rewards or accept invitations to organisations. under14 (default "
                            + "false: a client that leaves it out declares, with the privacy notice, that the person is 14 or older): "
                            + "true needs guardianEmail, a parent's or guardian's address other than the person's own "
                            + "(guardian-email-required, guardian-email-malformed, guardian-email-own). The account then works "
                            + "but records nothing (403 guardian-consent-required) until the guardian follows the link mailed to "
                            + "them (7 days) and consents; if they refuse, the account is deleted.")
    ResponseEntity<UserResponse> register(@RequestBody RegistrationRequest request, Locale locale) {
        var registered = registration.register(
                new Registration.SignUp(
                        nullToEmpty(request.email()),
                        nullToEmpty(request.displayName()),
                        nullToEmpty(request.password()),
                        locale,
                        Boolean.TRUE.equals(request.under14()),
                        Boolean.TRUE.equals(request.under14()) ? request.guardianEmail() : null),
                Consents.How.REGISTRATION_API);
        return ResponseEntity.created(URI.create("/api/v1/users/" + registered.id()))
                .body(new UserResponse(
                        registered.id(),
                        registered.email(),
                        registered.displayName(),
                        PrivacyNotice.VERSION,
                        Boolean.TRUE.equals(request.under14())));
    }

    @PostMapping("/tokens")
    @Operation(
            summary = "Issue a personal access token",
            description =
                    "Authenticate with HTTP Basic (email:password). Use the token as 'Authorization: Bearer <token>'. It is "
                            + "shown once. 'scopes' limits what it may do: read (look), record (your own records, account and "
                            + "actions), organise (manage organisations, communities, campaigns, events, reviews); all three when absent.")
    ResponseEntity<TokenResponse> issueToken(
            @AuthenticationPrincipal AuthenticatedUser me,
            @RequestBody(required = false) @Nullable TokenRequest request) {
        String name =
                request == null || request.name() == null || request.name().isBlank()
                        ? "api"
                        : request.name().strip();
        var issued = tokens.issue(me.id(), name.length() > 60 ? name.substring(0, 60) : name, scopes(request));
        return ResponseEntity.status(201)
                .body(new TokenResponse(
                        issued.id(),
                        issued.token(),
                        "Bearer",
                        issued.scopes().stream()
                                .map(s -> s.name().toLowerCase(Locale.ROOT))
                                .sorted()
                                .toList(),
                        issued.expiresAt()));
    }

    @GetMapping("/tokens")
    @Operation(summary = "My tokens that still work: name, scopes, created, last used, expiry (never the secret)")
    List<PersonalAccessTokens.TokenView> myTokens(@AuthenticationPrincipal AuthenticatedUser me) {
        return tokens.list(me.id());
    }

    @DeleteMapping("/tokens/current")
    @Operation(summary = "Revoke the token this request carries; it is refused at once")
    ResponseEntity<Void> revokeCurrent(@AuthenticationPrincipal AuthenticatedUser me, Authentication authentication) {
        if (!(authentication.getDetails() instanceof UUID tokenId)) {
            throw Refusal.unacceptable("token-not-used", null);
        }
        tokens.revoke(me.id(), tokenId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/tokens/{id}")
    @Operation(summary = "Revoke one of my tokens; it is refused at once")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal AuthenticatedUser me, @PathVariable UUID id) {
        tokens.revoke(me.id(), id);
        return ResponseEntity.noContent().build();
    }

    private static Set<PersonalAccessTokens.Scope> scopes(@Nullable TokenRequest request) {
        if (request == null || request.scopes() == null) {
            return EnumSet.allOf(PersonalAccessTokens.Scope.class);
        }
        var scopes = EnumSet.noneOf(PersonalAccessTokens.Scope.class);
        for (String scope : request.scopes()) {
            try {
                scopes.add(PersonalAccessTokens.Scope.valueOf(scope.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw Refusal.invalid(List.of(Refusal.Violation.of("scopes", "value-unknown", String.valueOf(scope))));
            }
        }
        return scopes;
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
