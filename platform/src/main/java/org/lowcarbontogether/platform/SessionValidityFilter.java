package org.lowcarbontogether.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web session whose person changed their password or had their roles changed since it signed in, or that is
 * older than {@code lct.session.absolute-timeout} however active it was, and sends them to sign in again ({@code
 * /login?ended}); htmx requests are told to go there with {@code HX-Redirect}.
 */
class SessionValidityFilter extends OncePerRequestFilter {

    private final SessionValidity validity;
    private final long absoluteTimeoutMillis;

    SessionValidityFilter(SessionValidity validity, Duration absoluteTimeout) {
        this.validity = validity;
        this.absoluteTimeoutMillis = absoluteTimeout.toMillis();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        var session = request.getSession(false);
        boolean expired =
                session != null && System.currentTimeMillis() - session.getCreationTime() > absoluteTimeoutMillis;
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || (!expired && validity.isCurrent(authentication))) {
            chain.doFilter(request, response);
            return;
        }
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", "/login?ended");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect("/login?ended");
        }
    }
}
