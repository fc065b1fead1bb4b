package org.lowcarbontogether.account;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.lowcarbontogether.platform.RateBudgets;
import org.lowcarbontogether.platform.RateLimitProperties.Budget;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;

/**
 * How many links may be asked for (token buckets shared by every instance, {@link RateBudgets}, like the platform's other rate limits): per recipient
 * address, so nobody can flood a mailbox; per client address for password resets; per signed-in person for resends and
 * address changes.
 */
@Component
class LinkBudgets {

    private final AccountLinkProperties properties;
    private final RateBudgets budgets;

    LinkBudgets(AccountLinkProperties properties, RateBudgets budgets) {
        this.properties = properties;
        this.budgets = budgets;
    }

    /** Whether another link may be sent to this address now (spends one if so). */
    boolean mayWriteTo(String email) {
        return take("address:" + email.toLowerCase(Locale.ROOT), properties.perAddress()) == 0;
    }

    /** Spends one of the links this address may be sent; 429 when none is left. */
    void spendAddress(String email) {
        refuseIfSpent(take("address:" + email.toLowerCase(Locale.ROOT), properties.perAddress()));
    }

    /** Spends one of this client's password-reset requests; 429 when none is left. */
    void spendClient(String clientAddress) {
        refuseIfSpent(take("client:" + clientAddress, properties.perClient()));
    }

    /** Spends one of this person's resends and address changes; 429 when none is left. */
    void spendPerson(UUID userId) {
        refuseIfSpent(take("person:" + userId, properties.perPerson()));
    }

    private static void refuseIfSpent(long waitSeconds) {
        if (waitSeconds > 0) {
            throw new Refusal(
                    Refusal.Kind.TOO_FREQUENT,
                    "links-too-frequent",
                    List.of(),
                    Map.of("retryAfterSeconds", waitSeconds),
                    (waitSeconds + 59) / 60);
        }
    }

    /** Takes one from the bucket: 0 when it had one, else the seconds until it will. */
    private long take(String key, Budget budget) {
        return budgets.take("links:" + key, budget);
    }
}
