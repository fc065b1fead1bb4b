package org.lowcarbontogether.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.account.Consents;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Sends a signed-in person who has not accepted the privacy notice's current version to {@code /account/consent} from
 * any page, until they accept. What they need to decide stays open: the notice, their data page, the download, deleting
 * the account and signing out. The API is not stopped: programs with a person's token cannot show a notice, and
 * stopping them would break a person's integrations over a text they will be asked about on their next page (they may
 * also accept it with {@code POST /api/v1/account/consents}).
 */
@Configuration(proxyBeanMethods = false)
class ConsentInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    /** Pages a person may open before accepting. */
    static final List<String> OPEN = List.of(
            "/privacy",
            // The guardian's page is for someone deciding for another person, signed in or not.
            "/guardian/consent",
            "/account/consent",
            "/account/privacy",
            "/account/export",
            "/account/delete",
            "/logout",
            "/login",
            "/error",
            "/offline");

    private final Consents consents;

    ConsentInterceptor(Consents consents) {
        this.consents = consents;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .excludePathPatterns("/api/**", "/actuator/**")
                .excludePathPatterns(OPEN);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws java.io.IOException {
        // Only pages: static files and the like go through.
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !(authentication.getPrincipal() instanceof AuthenticatedUser me)
                || consents.hasAcceptedCurrent(me.id())) {
            return true;
        }
        String target = "/account/consent";
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            target += "?next="
                    + URLEncoder.encode(
                            request.getRequestURI() + (query == null ? "" : "?" + query), StandardCharsets.UTF_8);
        }
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendRedirect(target);
        }
        return false;
    }

    /** Where to go after accepting: a path on this site, never another site; the account page otherwise. */
    static String safeNext(@Nullable String next) {
        if (next == null
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(Character::isISOControl)) {
            return "/account";
        }
        return next;
    }
}
