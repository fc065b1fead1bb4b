package org.lowcarbontogether.account;

import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.platform.SecurityEvents;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether a person proved their address, by following the link sent to it when they registered. An unverified
 * account works for its own person — they sign in, record and see their account — but cannot redeem rewards or join
 * organisations ({@link #requireVerified}) until the address is proven: both reach beyond the account (a sponsor's
 * stock, an organisation's members), and both need an address that is really theirs. Accounts made before
 * verification existed, the first administrator and demo accounts count as verified.
 */
@Service
public class EmailVerification {

    private final Users users;
    private final AccountLinks links;
    private final AccountMail mail;
    private final LinkBudgets budgets;
    private final AccountLinkProperties properties;
    private final Clock clock;

    EmailVerification(
            Users users,
            AccountLinks links,
            AccountMail mail,
            LinkBudgets budgets,
            AccountLinkProperties properties,
            Clock clock) {
        this.users = users;
        this.links = links;
        this.mail = mail;
        this.budgets = budgets;
        this.properties = properties;
        this.clock = clock;
    }

    public boolean isVerified(UUID userId) {
        return users.isVerified(userId);
    }

    /** Refuses (403 {@code email-unverified}) what only a person with a proven address may do. */
    public void requireVerified(UUID userId) {
        if (!users.isVerified(userId)) {
            throw Refusal.forbidden("email-unverified", null);
        }
    }

    /** Sends a new person the link that proves their address. */
    void start(UUID userId, String email, String language, String name) {
        String token = links.issue(
                AccountLinks.Purpose.VERIFY_EMAIL, userId, email, null, clock.instant(), properties.verification());
        mail.verification(email, language, name, token, properties.verification());
    }

    /** Sends the link again (earlier links keep working until they expire); a few times an hour at most. */
    @Transactional
    public void resend(Actor me) {
        var user = users.findById(me.id()).orElseThrow(() -> Refusal.notFound("not-found", null));
        if (users.isVerified(me.id())) {
            throw Refusal.conflict("email-already-verified", null);
        }
        budgets.spendPerson(me.id());
        budgets.spendAddress(user.email());
        start(user.id(), user.email(), users.language(user.id()), user.displayName());
    }

    /** The address the link would verify, without using it: the refusal (unknown, used, expired) if it cannot. */
    public String check(@Nullable String token) {
        return links.check(AccountLinks.Purpose.VERIFY_EMAIL, token, clock.instant())
                .email();
    }

    /** Follows the link: the address is proven, once. Returns the address. */
    @Transactional
    public String verify(@Nullable String token) {
        var link = links.use(AccountLinks.Purpose.VERIFY_EMAIL, token, clock.instant());
        if (!users.markVerified(link.userId(), link.email(), clock.instant())) {
            // The person moved to another address since: this link proves an address they no longer use.
            throw Refusal.conflict("link-stale", null);
        }
        SecurityEvents.record("email-verified", link.userId(), "");
        return link.email();
    }
}
