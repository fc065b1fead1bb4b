package org.lowcarbontogether.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.PersonalAccessTokens;
import org.lowcarbontogether.account.Registration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public registration and personal access tokens. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Registration and personal access tokens")
class AccountApiController {

    private final Registration registration;
    private final PersonalAccessTokens tokens;

    AccountApiController(Registration registration, PersonalAccessTokens tokens) {
        this.registration = registration;
        this.tokens = tokens;
    }

    record RegistrationRequest(@Nullable String email, @Nullable String password, @Nullable String displayName) {}

    record UserResponse(UUID id, String email, String displayName) {}

    record TokenRequest(@Nullable String name) {}

    record TokenResponse(String token, String tokenType, Instant expiresAt) {}

    @PostMapping("/users")
    @Operation(summary = "Register an account", description = "Public. 400 lists every invalid field; 409 when the email is taken.")
    ResponseEntity<UserResponse> register(@RequestBody RegistrationRequest request) {
        var registered = registration.register(new Registration.Application(
                nullToEmpty(request.email()), nullToEmpty(request.displayName()), nullToEmpty(request.password())));
        return ResponseEntity.created(URI.create("/api/v1/users/" + registered.id()))
                .body(new UserResponse(registered.id(), registered.email(), registered.displayName()));
    }

    @PostMapping("/tokens")
    @Operation(summary = "Issue a personal access token",
            description = "Authenticate with HTTP Basic (email:password). Use the token as 'Authorization: Bearer <token>'. It is shown once.")
    ResponseEntity<TokenResponse> issueToken(
            @AuthenticationPrincipal AuthenticatedUser me, @RequestBody(required = false) @Nullable TokenRequest request) {
        String name = request == null || request.name() == null || request.name().isBlank() ? "api" : request.name().strip();
        var issued = tokens.issue(me.id(), name.length() > 60 ? name.substring(0, 60) : name);
        return ResponseEntity.status(201).body(new TokenResponse(issued.token(), "Bearer", issued.expiresAt()));
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
