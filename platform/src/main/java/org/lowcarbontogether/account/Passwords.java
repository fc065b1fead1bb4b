package org.lowcarbontogether.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.platform.SignInThrottle;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person changes their own password. The current password is asked for again and counts as a sign-in attempt (a
 * stolen session cannot guess it faster than sign-in could); the change ends every other session of theirs and, unless
 * they keep them, every API token but the one making the request.
 */
@Service
public class Passwords {

    private final Users users;
    private final PasswordEncoder encoder;
    private final PersonalAccessTokens tokens;
    private final SignInThrottle throttle;

    Passwords(Users users, PasswordEncoder encoder, PersonalAccessTokens tokens, SignInThrottle throttle) {
        this.users = users;
        this.encoder = encoder;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    /**
     * Confirms that the person at the keyboard knows the password, before something that outlives the session (a new
     * API token); throttled and logged like a sign-in. A wrong password is a 400 naming {@code field}.
     */
    public void confirm(AuthenticatedUser me, String address, @Nullable String password, String field) {
        if (!matches(me, address, password == null ? "" : password)) {
            throw Refusal.invalid(List.of(Violation.of(field, "password-wrong")));
        }
    }

    /** Whether the password is the person's, counted like a sign-in attempt; 429 while earlier wrong ones must wait. */
    private boolean matches(AuthenticatedUser me, String address, String password) {
        var wait = throttle.waitBefore(me.email(), address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new Refusal(
                    Refusal.Kind.TOO_FREQUENT,
                    "password-attempts-waiting",
                    List.of(),
                    Map.of("retryAfterSeconds", seconds),
                    seconds);
        }
        String hash = users.findById(me.id()).map(Users.User::passwordHash).orElse("");
        if (encoder.matches(password, hash)) {
            throttle.succeeded(me.email(), address);
            return true;
        }
        throttle.failed(me.email(), address);
        SecurityEvents.record("password-confirmation-failed", me.id(), "address=" + address);
        return false;
    }

    /** What a change asks for: {@code keepTokens} leaves the person's API tokens working. */
    public record Change(
            @Nullable String currentPassword, @Nullable String newPassword, boolean keepTokens) {}

    /** The person as they are after the change (their session's new principal), and how many tokens were revoked. */
    public record Changed(AuthenticatedUser person, int tokensRevoked) {}

    /**
     * Changes the password of {@code me}, asked from {@code address}; {@code currentToken} is the token making the
     * request, if any, which always stays.
     */
    @Transactional
    public Changed change(AuthenticatedUser me, String address, Change change, @Nullable UUID currentToken) {
        var user = users.findById(me.id()).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "not-found", null));
        String current = change.currentPassword() == null ? "" : change.currentPassword();
        String replacement = change.newPassword() == null ? "" : change.newPassword();
        List<Violation> violations = new ArrayList<>();
        if (!matches(me, address, current)) {
            violations.add(Violation.of("currentPassword", "password-wrong"));
        }
        PasswordPolicy.problem(replacement, user.email(), user.displayName())
                .ifPresent(code -> violations.add(
                        Violation.of("newPassword", code, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH)));
        if (violations.isEmpty() && replacement.equals(current)) {
            violations.add(Violation.of("newPassword", "password-unchanged"));
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        int version = users.changePassword(me.id(), Objects.requireNonNull(encoder.encode(replacement)));
        int revoked = change.keepTokens() ? 0 : tokens.revokeAll(me.id(), currentToken);
        return new Changed(
                new AuthenticatedUser(me.id(), user.email(), user.displayName(), user.roles(), null, version), revoked);
    }
}
