package org.lowcarbontogether.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 (with Retry-After) when a client spends its budget: sign-in and token requests per address, password
 * guesses per account as {@link SignInThrottle} allows, registrations per address, writes per signed-in person, and anonymous writes per address. Runs inside the security chain, so it knows who
 * is signed in.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimitProperties limits;
    private final SignInThrottle throttle;
    private final ProblemWriter problems;
    private final RateBudgets budgets;

    RateLimitFilter(RateLimitProperties limits, SignInThrottle throttle, ProblemWriter problems, RateBudgets budgets) {
        this.limits = limits;
        this.throttle = throttle;
        this.problems = problems;
        this.budgets = budgets;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean post = "POST".equals(request.getMethod());
        String address = request.getRemoteAddr();
        if (post && (path.equals("/schools/pupil") || path.equals("/api/v1/schools/pupil-tokens"))) {
            // A pupil signs in with a class code and a short pupil code: budgeted like any sign-in.
            if (spent(response, "sign-in:" + address, limits.signIn())) {
                refuse(request, response, "/login");
                return;
            }
        } else if (post && (path.equals("/login") || path.equals("/api/v1/tokens"))) {
            if (spent(response, "sign-in:" + address, limits.signIn())) {
                refuse(request, response, "/login");
                return;
            }
            String account = accountOf(request);
            Duration wait = account == null ? Duration.ZERO : throttle.waitBefore(account, address);
            if (!wait.isZero()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
                refuse(request, response, "/login");
                return;
            }
        } else if (post
                && (path.equals("/register")
                        || path.equals("/api/v1/users")
                        || path.equals("/schools/join")
                        || path.equals("/api/v1/schools/join"))) {
            if (spent(response, "register:" + address, limits.registration())) {
                refuse(request, response, "/register");
                return;
            }
        } else if (path.startsWith("/certificates/")) {
            // A certificate's reference is its only secret: looking them up is budgeted like an anonymous write.
            if (spent(response, "anonymous-writes:" + address, limits.anonymousWrites())) {
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
                return;
            }
        } else if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            boolean signedIn = who != null && who.isAuthenticated() && !"anonymousUser".equals(who.getPrincipal());
            if (signedIn && who != null
                    ? spent(response, "writes:" + who.getName(), limits.writes())
                    : spent(response, "anonymous-writes:" + address, limits.anonymousWrites())) {
                problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * A 429 problem for the API; the sign-in and registration forms go back to their page, which says how long to wait.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String page) throws IOException {
        if (request.getRequestURI().equals(page)) {
            SecurityEvents.refused(
                    429, request.getMethod(), page, SecurityEvents.current(), request.getRemoteAddr(), "rate-limited");
            String seconds = response.getHeader(HttpHeaders.RETRY_AFTER);
            response.sendRedirect(page + "?throttled=" + (seconds == null ? "60" : seconds));
            return;
        }
        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
    }

    private boolean spent(HttpServletResponse response, String key, RateLimitProperties.Budget budget) {
        return budgets.spent(response, key, budget);
    }

    /** The account a sign-in is for: the form's username, or the HTTP Basic user. */
    private static @Nullable String accountOf(HttpServletRequest request) {
        String username = request.getParameter("username");
        if (username == null) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(
                            Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    username = colon < 0 ? decoded : decoded.substring(0, colon);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }
}
