package org.lowcarbontogether.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.stereotype.Component;

/**
 * Allowances of costly things a person does in numbers — invitation mails an organiser sends a day, say — spent several
 * at a time, all or nothing. Kept per instance like every limit here, for two days after their last use (longer than
 * any allowance's period, so an idle day never refills one early).
 */
@Component
public class Allowances {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(2))
            .build();

    /**
     * Takes {@code count} from the allowance named {@code key} (a full {@code budget} at first); when too few are left,
     * nothing is taken and the refusal {@code code} is thrown (429, with the seconds until enough are back, the number
     * left and the allowance).
     */
    public void spend(String key, RateLimitProperties.Budget budget, int count, String code) {
        if (count <= 0) {
            return;
        }
        var probe = buckets.get(key, k -> budget.bucket()).tryConsumeAndReturnRemaining(count);
        if (!probe.isConsumed()) {
            long wait = Math.max(
                    1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw new Refusal(
                    Refusal.Kind.TOO_FREQUENT,
                    code,
                    List.of(),
                    Map.of("retryAfterSeconds", wait),
                    probe.getRemainingTokens(),
                    budget.capacity());
        }
    }
}
