package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Refusal;
import org.lowcarbontogether.shared.Refusal.Violation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person moves their account to another address. Asked with the current password; the change happens only when the
 * link sent to the new address is followed, and the old address is told, with a link that cancels the change — or, if
 * it was already made, undoes it (for {@code lct.links.email-change-cancel}, a week). Either change ends every session
 * of the person, since the address is what they sign in with. An address that belongs to another account is refused
 * without saying whose.
 */
@Service
public class EmailChanges {

    private final Users users;
    private final AccountLinks links;
    private final AccountMail mail;
    private final LinkBudgets budgets;
    private final AccountLinkProperties properties;
    private final Passwords passwords;
    private final Clock clock;

    EmailChanges(
            Users users,
            AccountLinks links,
            AccountMail mail,
            LinkBudgets budgets,
            AccountLinkProperties properties,
            Passwords passwords,
            Clock clock) {
        this.users = users;
        this.links = links;
        this.mail = mail;
        this.budgets = budgets;
        this.properties = properties;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Asks to move {@code me} to {@code newEmail}, from {@code clientAddress}: sends the confirmation link to the new
     * address and the notice to the current one; a request made before stops working.
     */
    @Transactional
    public void request(
            AuthenticatedUser me, String clientAddress, @Nullable String currentPassword, @Nullable String newEmail) {
        var user = users.findById(me.id()).orElseThrow(() -> Refusal.notFound("not-found", null));
        String target = Registration.normalise(newEmail);
        if (target.isEmpty()) {
            throw Refusal.invalid(List.of(Violation.of("newEmail", "email-required")));
        }
        if (!Registration.wellFormed(target)) {
            throw Refusal.invalid(List.of(Violation.of("newEmail", "email-malformed")));
        }
        if (target.equals(user.email())) {
            throw Refusal.invalid(List.of(Violation.of("newEmail", "email-unchanged")));
        }
        passwords.confirm(me, clientAddress, currentPassword, "currentPassword");
        if (users.findByEmail(target).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "email-change-taken", "newEmail");
        }
        budgets.spendPerson(me.id());
        budgets.spendAddress(target);
        var now = clock.instant();
        links.revoke(me.id(), AccountLinks.Purpose.CHANGE_EMAIL, now);
        String confirm = links.issue(
                AccountLinks.Purpose.CHANGE_EMAIL, me.id(), target, user.email(), now, properties.emailChange());
        String cancel = links.issue(
                AccountLinks.Purpose.CANCEL_EMAIL_CHANGE,
                me.id(),
                target,
                user.email(),
                now,
                properties.emailChangeCancel());
        String language = users.language(me.id());
        mail.emailChange(target, language, user.displayName(), confirm, properties.emailChange());
        mail.emailChangeNotice(user.email(), language, user.displayName(), target, cancel);
        SecurityEvents.record("email-change-requested", me.id(), "address=" + clientAddress);
    }

    /** The address the link would move the account to, without using it; the refusal if it cannot be used. */
    public String check(@Nullable String token) {
        return links.check(AccountLinks.Purpose.CHANGE_EMAIL, token, clock.instant())
                .email();
    }

    /** The address a change would be cancelled for (the new one asked), without using the link. */
    public String checkCancel(@Nullable String token) {
        return links.check(AccountLinks.Purpose.CANCEL_EMAIL_CHANGE, token, clock.instant())
                .email();
    }

    /** A change made: from which address to which. */
    public record Changed(String from, String to) {}

    /** Follows the link sent to the new address: the account moves to it, once. */
    @Transactional
    public Changed confirm(@Nullable String token) {
        var now = clock.instant();
        var link = links.use(AccountLinks.Purpose.CHANGE_EMAIL, token, now);
        String from = link.oldEmail() == null ? "" : link.oldEmail();
        if (users.findByEmail(link.email()).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "email-change-taken", null);
        }
        try {
            if (!users.changeEmail(link.userId(), from, link.email(), now)) {
                // The account moved to yet another address since this was asked.
                throw Refusal.conflict("link-stale", null);
            }
        } catch (DuplicateKeyException e) {
            throw new Refusal(Refusal.Kind.CONFLICT, "email-change-taken", null);
        }
        return new Changed(from, link.email());
    }

    /** What the link to the old address did. */
    public enum Outcome {
        /** The change was not confirmed yet: it never will be. */
        CANCELLED,
        /** The change had been made: the account is back at the old address. */
        UNDONE
    }

    /** A cancellation: what it did, and the account's address now. */
    public record Cancelled(Outcome outcome, String email) {}

    /** Follows the link sent to the old address: cancels the change, or undoes it if it was made. */
    @Transactional
    public Cancelled cancel(@Nullable String token) {
        var now = clock.instant();
        var link = links.use(AccountLinks.Purpose.CANCEL_EMAIL_CHANGE, token, now);
        String old = link.oldEmail() == null ? "" : link.oldEmail();
        links.revoke(link.userId(), AccountLinks.Purpose.CHANGE_EMAIL, now);
        var user = users.findById(link.userId()).orElseThrow(() -> Refusal.notFound("link-unknown", null));
        if (user.email().equals(old)) {
            SecurityEvents.record("email-change-cancelled", user.id(), "");
            return new Cancelled(Outcome.CANCELLED, old);
        }
        if (!user.email().equals(link.email())) {
            throw Refusal.conflict("link-stale", null);
        }
        try {
            if (users.findByEmail(old).isPresent() || !users.changeEmail(user.id(), link.email(), old, now)) {
                throw new Refusal(Refusal.Kind.CONFLICT, "email-change-taken", null);
            }
        } catch (DuplicateKeyException e) {
            throw new Refusal(Refusal.Kind.CONFLICT, "email-change-taken", null);
        }
        SecurityEvents.record("email-change-undone", user.id(), "");
        return new Cancelled(Outcome.UNDONE, old);
    }
}
