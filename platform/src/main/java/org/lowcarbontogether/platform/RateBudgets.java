package org.lowcarbontogether.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request budgets of this instance: one token bucket per key (a client address, a person, an API client), kept in
 * memory like every limit here. {@link RateLimitFilter} spends from it, and another module's security chain budgets its
 * own callers with {@link #filter}, answering 429 with Retry-After as an RFC 9457 problem ({@code rate-limited}).
 */
@Component
public class RateBudgets {

    private final ProblemWriter problems;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(2))
            .build();

    RateBudgets(ProblemWriter problems) {
        this.problems = problems;
    }

    /** Takes one request from the key's bucket: 0 when there was one, else the whole seconds (at least 1) to wait. */
    public long take(String key, RateLimitProperties.Budget budget) {
        return RateLimitProperties.Budget.take(buckets.get(key, k -> budget.bucket()));
    }

    /** Takes one request; when the budget is spent, sets Retry-After and answers true. */
    boolean spent(HttpServletResponse response, String key, RateLimitProperties.Budget budget) {
        long seconds = take(key, budget);
        if (seconds == 0) {
            return false;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return true;
    }

    /**
     * A filter (for a security chain, after authentication) spending {@code budget} per key: {@code keyOf} names the
     * caller (null: not budgeted here), and keys are prefixed with {@code name} so budgets never share buckets. Not a
     * bean: add it to the chain it belongs to.
     */
    public OncePerRequestFilter filter(
            String name, RateLimitProperties.Budget budget, Function<HttpServletRequest, @Nullable String> keyOf) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String key = keyOf.apply(request);
                if (key != null && spent(response, name + ":" + key, budget)) {
                    problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
