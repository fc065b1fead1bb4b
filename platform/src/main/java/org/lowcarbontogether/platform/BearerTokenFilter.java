package org.lowcarbontogether.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.lowcarbontogether.shared.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests carrying {@code Authorization: Bearer <token>}; a bad token is a 401 problem, a refused one
 * (a suspended person's) its refusal's problem.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokenAuthenticator authenticator;
    private final ProblemWriter problems;

    BearerTokenFilter(ApiTokenAuthenticator authenticator, ProblemWriter problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> authentication;
        try {
            authentication =
                    authenticator.authenticate(header.substring(PREFIX.length()).trim());
        } catch (Refusal refused) {
            problems.write(request, response, Refusals.status(refused), refused.code());
            return;
        }
        if (authentication.isEmpty()) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid-token");
            return;
        }
        // A token does only what its scopes allow; revoking the token in use is always allowed.
        String scope =
                ApiTokenAuthenticator.SCOPE_PREFIX + TokenScopes.required(request.getMethod(), request.getRequestURI());
        boolean revokingItself =
                request.getMethod().equals("DELETE") && request.getRequestURI().equals("/api/v1/tokens/current");
        if (!revokingItself
                && authentication.get().getAuthorities().stream().noneMatch(a -> scope.equals(a.getAuthority()))) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "insufficient-scope");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication.get());
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
