package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A forgotten password, reset by a single-use link sent to the account's address (it works for
 * {@code lct.links.password-reset}, 30 minutes). Asking always answers the same, whether or not the address has an
 * account, so the form tells nobody who is registered; it is limited per client address (429) and per recipient
 * address (beyond it nothing more is sent). Setting the new password ends every session of the person (the
 * credentials version moves) and proves their address; their API tokens are revoked only when they choose so.
 */
@Service
public class PasswordResets {

    private final Users users;
    private final AccountLinks links;
    private final AccountMail mail;
    private final LinkBudgets budgets;
    private final AccountLinkProperties properties;
    private final PasswordEncoder encoder;
    private final PersonalAccessTokens tokens;
    private final Clock clock;

    PasswordResets(
            Users users,
            AccountLinks links,
            AccountMail mail,
            LinkBudgets budgets,
            AccountLinkProperties properties,
            PasswordEncoder encoder,
            PersonalAccessTokens tokens,
            Clock clock) {
        this.users = users;
        this.links = links;
        this.mail = mail;
        this.budgets = budgets;
        this.properties = properties;
        this.encoder = encoder;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Someone asks for a link to this address, from {@code clientAddress}. The answer is the same for every well-formed
     * address; a malformed one is a 400, too many requests from one client a 429.
     */
    @Transactional
    public void request(@Nullable String email, String clientAddress) {
        String address = Registration.normalise(email);
        if (address.isEmpty()) {
            throw Refusal.invalid(List.of(Violation.of("email", "email-required")));
        }
        if (!Registration.wellFormed(address)) {
            throw Refusal.invalid(List.of(Violation.of("email", "email-malformed")));
        }
        budgets.spendClient(clientAddress);
        var user = users.findByEmail(address);
        if (user.isEmpty() || !budgets.mayWriteTo(address)) {
            SecurityEvents.record("password-reset-not-sent", "anonymous", "address=" + clientAddress);
            return;
        }
        var person = user.get();
        String token = links.issue(
                AccountLinks.Purpose.RESET_PASSWORD,
                person.id(),
                person.email(),
                null,
                clock.instant(),
                properties.passwordReset());
        mail.passwordReset(
                person.email(), users.language(person.id()), person.displayName(), token, properties.passwordReset());
        SecurityEvents.record("password-reset-sent", person.id(), "address=" + clientAddress);
    }

    /** Whether the link can still be used; the refusal (unknown, used, expired) if not. */
    public void check(@Nullable String token) {
        links.check(AccountLinks.Purpose.RESET_PASSWORD, token, clock.instant());
    }

    /** What a reset did: every session ended; tokens revoked as asked, and how many still work. */
    public record Reset(int tokensRevoked, int tokensKept) {}

    /** Sets the new password with the link, once; {@code revokeTokens} also revokes every API token of the person. */
    @Transactional
    public Reset reset(@Nullable String token, @Nullable String newPassword, boolean revokeTokens) {
        var link = links.check(AccountLinks.Purpose.RESET_PASSWORD, token, clock.instant());
        var user = users.findById(link.userId()).orElseThrow(() -> Refusal.notFound("link-unknown", null));
        if (!user.email().equals(link.email())) {
            // Sent to an address the account has left since: that mailbox no longer speaks for it.
            throw Refusal.conflict("link-stale", null);
        }
        String password = newPassword == null ? "" : newPassword;
        List<Violation> violations = new ArrayList<>();
        PasswordPolicy.problem(password, user.email(), user.displayName())
                .ifPresent(code -> violations.add(
                        Violation.of("newPassword", code, PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH)));
        if (!violations.isEmpty()) {
            throw Refusal.invalid(violations);
        }
        links.use(AccountLinks.Purpose.RESET_PASSWORD, token, clock.instant());
        // One reset is enough: other links sent before it stop working.
        links.revoke(user.id(), AccountLinks.Purpose.RESET_PASSWORD, clock.instant());
        users.changePassword(user.id(), Objects.requireNonNull(encoder.encode(password)));
        users.markVerified(user.id(), link.email(), clock.instant());
        int revoked = revokeTokens ? tokens.revokeAll(user.id()) : 0;
        int kept = tokens.list(user.id()).size();
        SecurityEvents.record("password-reset", user.id(), "tokens-revoked=" + revoked + " tokens-kept=" + kept);
        return new Reset(revoked, kept);
    }
}
