package org.lowcarbontogether.platform;

import java.util.List;
import java.util.Map;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;

/**
 * Allowances of costly things a person does in numbers — invitation mails an organiser sends a day, say — spent several
 * at a time, all or nothing. Token buckets in PostgreSQL ({@link RateBudgets}), shared by every instance, spent in the
 * caller's transaction (an invitation that fails gives its allowance back).
 */
@Component
public class Allowances {

    private final RateBudgets budgets;

    Allowances(RateBudgets budgets) {
        this.budgets = budgets;
    }

    /**
     * Takes {@code count} from the allowance named {@code key} (a full {@code budget} at first); when too few are left,
     * nothing is taken and the refusal {@code code} is thrown (429, with the seconds until enough are back, the number
     * left and the allowance).
     */
    public void spend(String key, RateLimitProperties.Budget budget, int count, String code) {
        if (count <= 0) {
            return;
        }
        var taken = budgets.take("allowance:" + key, budget, count, count);
        if (taken.granted() == 0) {
            long wait = RateBudgets.waitSeconds(budget, count, taken.left());
            throw new Refusal(
                    Refusal.Kind.TOO_FREQUENT,
                    code,
                    List.of(),
                    Map.of("retryAfterSeconds", wait),
                    (long) Math.floor(taken.left()),
                    budget.capacity());
        }
    }
}
