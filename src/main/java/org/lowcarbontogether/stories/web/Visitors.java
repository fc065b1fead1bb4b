package org.lowcarbontogether.stories.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.stories.Reach;

/** Who is looking, for counting reach once per visitor and day: the person, else the browser's cookie, else address and agent. */
final class Visitors {

    static final String COOKIE = "lct_visitor";

    /** The visitor's key, and the key they may have been counted under before they carried a cookie. */
    record Visitor(String key, @Nullable String earlier) {}

    private Visitors() {}

    static Visitor of(@Nullable AuthenticatedUser me, HttpServletRequest request, HttpServletResponse response, Reach reach) {
        String addressAndAgent = "a:" + request.getRemoteAddr() + "|" + request.getHeader("User-Agent");
        if (me != null) {
            return new Visitor("u:" + me.id(), null);
        }
        // Only a cookie the platform signed counts: a made-up one is treated as no cookie at all.
        String cookie = request.getCookies() == null ? null : Arrays.stream(request.getCookies())
                .filter(c -> c.getName().equals(COOKIE))
                .map(c -> reach.verifiedVisitor(c.getValue()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
        if (cookie != null) {
            return new Visitor("c:" + cookie, addressAndAgent);
        }
        var fresh = new Cookie(COOKIE, reach.issueVisitor());
        fresh.setHttpOnly(true);
        fresh.setSecure(request.isSecure());
        fresh.setPath("/");
        fresh.setMaxAge((int) Duration.ofDays(365).toSeconds());
        fresh.setAttribute("SameSite", "Lax");
        response.addCookie(fresh);
        return new Visitor(addressAndAgent, null);
    }
}
