package org.lowcarbontogether.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request budgets and allowances of every instance: one token bucket per key (a client address, a person, an API
 * client, an allowance), kept in PostgreSQL ({@code rate_bucket}) and taken from in one atomic statement, so a limit
 * holds however many instances serve the requests. {@link RateLimitFilter} spends from it, and another module's
 * security chain budgets its own callers with {@link #filter}, answering 429 with Retry-After as an RFC 9457 problem
 * ({@code rate-limited}).
 *
 * <p>Large budgets (40 requests a period or more, such as writes per person and requests per API client) are not
 * asked for one request at a time: an instance takes a lease of up to a twentieth of the capacity (at most 100) and
 * spends it locally for at most ten seconds. The shared bucket has paid for every lease, so the limit is never exceeded
 * across instances; an unspent lease only makes it stricter, by at most one lease per instance. Small budgets (sign-in,
 * registration, links, exports, allowances) take exactly what they spend.
 */
@Component
public class RateBudgets {

    private static final int LEASE_DIVISOR = 20;
    private static final int MAX_LEASE = 100;

    private final ProblemWriter problems;
    private final JdbcClient jdbc;
    private final ClusterJobs jobs;
    private final Cache<String, AtomicInteger> leases = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofSeconds(10))
            .build();

    RateBudgets(ProblemWriter problems, JdbcClient jdbc, ClusterJobs jobs) {
        this.problems = problems;
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    /** What a take answered: how many were granted, and how many are left in the bucket. */
    public record Taken(int granted, double left) {}

    /** Takes one request from the key's bucket: 0 when there was one, else the whole seconds (at least 1) to wait. */
    public long take(String key, RateLimitProperties.Budget budget) {
        int lease = Math.min(MAX_LEASE, budget.capacity() / LEASE_DIVISOR);
        if (lease <= 1) {
            Taken taken = take(key, budget, 1, 1);
            return taken.granted() > 0 ? 0 : waitSeconds(budget, 1, taken.left());
        }
        AtomicInteger leased = leases.getIfPresent(key);
        if (leased != null && leased.getAndDecrement() > 0) {
            return 0;
        }
        Taken taken = take(key, budget, 1, lease);
        if (taken.granted() == 0) {
            return waitSeconds(budget, 1, taken.left());
        }
        leases.put(key, new AtomicInteger(taken.granted() - 1));
        return 0;
    }

    /**
     * Takes from the key's bucket (a full {@code budget} at first) at least {@code need} and up to {@code want}, in one
     * statement: all of it or nothing. In the caller's transaction, if any (a rolled-back spending is given back).
     */
    public Taken take(String key, RateLimitProperties.Budget budget, int need, int want) {
        double perSecond = budget.capacity() / (budget.period().toMillis() / 1000.0);
        return jdbc.sql("""
                        insert into rate_bucket as b (key, tokens, refilled_at, granted, expires_at)
                        values (:key,
                            case when :need <= :capacity then :capacity - least(:want, :capacity) else :capacity end,
                            now(),
                            case when :need <= :capacity then least(:want, :capacity) else 0 end,
                            now() + make_interval(secs => :periodSeconds))
                        on conflict (key) do update set
                            granted = case
                                when floor(least(:capacity, b.tokens
                                    + greatest(0, extract(epoch from now() - b.refilled_at)) * :perSecond)) >= :need
                                then least(:want, floor(least(:capacity, b.tokens
                                    + greatest(0, extract(epoch from now() - b.refilled_at)) * :perSecond)))
                                else 0 end,
                            tokens = least(:capacity, b.tokens
                                    + greatest(0, extract(epoch from now() - b.refilled_at)) * :perSecond)
                                - case
                                    when floor(least(:capacity, b.tokens
                                        + greatest(0, extract(epoch from now() - b.refilled_at)) * :perSecond)) >= :need
                                    then least(:want, floor(least(:capacity, b.tokens
                                        + greatest(0, extract(epoch from now() - b.refilled_at)) * :perSecond)))
                                    else 0 end,
                            refilled_at = greatest(now(), b.refilled_at),
                            expires_at = now() + make_interval(secs => :periodSeconds)
                        returning granted, tokens""")
                .param("key", key)
                .param("need", need)
                .param("want", Math.max(need, want))
                .param("capacity", budget.capacity())
                .param("perSecond", perSecond)
                .param("periodSeconds", budget.period().toMillis() / 1000.0)
                .query((rs, n) -> new Taken(rs.getInt("granted"), rs.getDouble("tokens")))
                .single();
    }

    /** The whole seconds (at least 1) until the budget's bucket holds {@code need}, given what is left. */
    public static long waitSeconds(RateLimitProperties.Budget budget, int need, double left) {
        double perSecond = budget.capacity() / (budget.period().toMillis() / 1000.0);
        return Math.max(1, (long) Math.ceil((need - left) / perSecond));
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

    /** Buckets untouched for a whole period are full again: their rows go, once an hour across instances. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void purgeOnSchedule() {
        jobs.once("rate-bucket-purge", Duration.ofMinutes(50), () -> {
            jdbc.sql("delete from rate_bucket where expires_at < now()").update();
            jdbc.sql("delete from sign_in_failure where last_at < now() - interval '24 hours'")
                    .update();
        });
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
