package org.lowcarbontogether.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Admission control: what the platform cannot take now is refused at once with 503 and {@code Retry-After}, before it
 * costs anything, instead of waiting in a queue that grows while the clients time out and retry.
 *
 * <ul>
 *   <li>Record writes (the record API, the record form, a partner's activity) and bulk uploads (the batch API, an
 *       organiser's sheet, a partner's bulk upload) each pass a lane: at most {@code concurrent} in progress at once, at most {@code waiting} more waiting for a
 *       place, each for at most {@code lct.admission.max-wait}. Anyone beyond is answered 503 ({@code busy}) at once;
 *       nothing of the request was read or kept, so a retry with the same Idempotency-Key (or partner reference) is safe.
 *   <li>Any request that cannot get a database connection within the pool's {@code connection-timeout} is answered
 *       503 ({@code overloaded}) rather than failing as a server error.
 * </ul>
 *
 * The API answers an RFC 9457 problem, pages the error page in the reader's language. Runs before every other filter
 * that may use the database (the session, the bearer token, the rate budgets), so a refusal costs no connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class Admission extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    static final String RETRY_AFTER_SECONDS = "1";
    /** The request attribute {@link ErrorPages} shows on the error page. */
    private static final String PAGE_PROBLEM = "lct.problem";

    private static final Set<String> RECORD_PATHS = Set.of("/api/v1/records", "/record", "/api/v1/partner/activities");
    private static final Set<String> BATCH_PATHS = Set.of(
            "/api/v1/records:batch",
            "/api/v1/records%3Abatch",
            "/api/v1/records%3abatch",
            "/organiser/import",
            "/api/v1/partner/activities/bulk");

    private final ProblemWriter problems;
    private final LocaleResolver locales;
    private final Lane records;
    private final Lane batches;

    Admission(
            ProblemWriter problems,
            LocaleResolver locales,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int pool,
            @Value("${lct.admission.records.concurrent:0}") int records,
            @Value("${lct.admission.records.waiting:-1}") int recordsWaiting,
            @Value("${lct.admission.batches.concurrent:0}") int batches,
            @Value("${lct.admission.batches.waiting:-1}") int batchesWaiting,
            @Value("${lct.admission.max-wait:PT0.02S}") Duration maxWait) {
        this.problems = problems;
        this.locales = locales;
        // Derived from the pool: a record request holds a connection only for its reads (the writer writes for it), so
        // four per connection keep the writer's groups large while an admitted record waits about concurrent /
        // capacity.
        int recordsConcurrent = records > 0 ? records : 4 * pool;
        this.records = new Lane(
                "records", recordsConcurrent, recordsWaiting >= 0 ? recordsWaiting : recordsConcurrent, maxWait);
        // A bulk upload holds a connection for seconds, and its writer another: a fifth of the pool at most.
        int batchesConcurrent = batches > 0 ? batches : Math.max(1, pool / 5);
        this.batches = new Lane(
                "batches", batchesConcurrent, batchesWaiting >= 0 ? batchesWaiting : batchesConcurrent, maxWait);
    }

    /**
     * A bounded place to be: {@code concurrent} permits, {@code waiting} callers at most waiting for one, each for at
     * most {@code maxWait}.
     */
    static final class Lane {
        final String name;
        final int concurrent;
        final int maxWaiting;
        private final Semaphore permits;
        private final AtomicInteger waiting = new AtomicInteger();
        private final long maxWaitNanos;

        Lane(String name, int concurrent, int maxWaiting, Duration maxWait) {
            this.name = name;
            this.concurrent = concurrent;
            this.maxWaiting = maxWaiting;
            this.permits = new Semaphore(concurrent, true);
            this.maxWaitNanos = maxWait.toNanos();
        }

        /** True when admitted (then {@link #leave} once done); false when full. */
        boolean enter() throws InterruptedException {
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return true;
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                return false;
            }
            try {
                return permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        }

        void leave() {
            permits.release();
        }

        /** Requests in progress in this lane. */
        int inProgress() {
            return concurrent - permits.availablePermits();
        }
    }

    Lane records() {
        return records;
    }

    Lane batches() {
        return batches;
    }

    /** The lane a request passes, or null when it passes none. */
    private @Nullable Lane laneOf(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getRequestURI();
        if (RECORD_PATHS.contains(path)) {
            return records;
        }
        return BATCH_PATHS.contains(path) ? batches : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Lane lane = laneOf(request);
        boolean admitted;
        try {
            admitted = lane == null || lane.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refuse(request, response, "busy");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!poolExhausted(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("No database connection in time for {} {}", request.getMethod(), request.getRequestURI());
            response.resetBuffer();
            refuse(request, response, "overloaded");
        } finally {
            if (lane != null) {
                lane.leave();
            }
        }
    }

    /** 503 with Retry-After: a problem for the API, the error page (with the problem's words) for pages. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        if (request.getRequestURI().startsWith("/api/")) {
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, code);
            return;
        }
        // A reader of a page sees no header: the page says to send the form again in a moment.
        String detail = problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "busy-page", locales.resolveLocale(request))
                .getDetail();
        request.setAttribute(PAGE_PROBLEM, detail);
        response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
    }

    /** Whether a failure is the connection pool's timeout: no connection could be had in time. */
    static boolean poolExhausted(@Nullable Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
