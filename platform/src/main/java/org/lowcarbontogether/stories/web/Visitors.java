package org.lowcarbontogether.stories.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Actor;
import org.lowcarbontogether.stories.Reach;

/**
 * Who is looking, for counting reach once per visitor and day: the signed-in person, or the browser's visitor cookie
 * once it has had the story page for a few seconds. A story page gives a browser without one its cookie — at most
 * {@value #COOKIES_PER_ADDRESS} a day to one address, so a script cannot mint visitors — and known bots get none.
 */
final class Visitors {

    static final String COOKIE = "lct_visitor";
    static final int COOKIES_PER_ADDRESS = 200;

    /** User agents of crawlers, link previews, HTTP libraries and headless browsers: never counted as readers. */
    static final Pattern BOTS = Pattern.compile(
            "bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget|python|java|http-client|httpclient|okhttp|go-http|axios|node-fetch"
                    + "|libwww|scrapy|headless|phantom|lighthouse|monitor|uptime");

    private static final Cache<String, AtomicInteger> ISSUED = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    /** The visitor's key when they may be counted now; null when they may not (yet). */
    record Visitor(@Nullable String key) {}

    private Visitors() {}

    /**
     * The visitor of a request. {@code page} is true for the story page itself, which may give a browser its cookie;
     * API calls never do.
     */
    static Visitor of(
            @Nullable Actor me, HttpServletRequest request, HttpServletResponse response, Reach reach, boolean page) {
        if (me != null) {
            return new Visitor("u:" + me.id());
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null
                || agent.isBlank()
                || BOTS.matcher(agent.toLowerCase(Locale.ROOT)).find()) {
            return new Visitor(null);
        }
        // Only a cookie the platform signed counts: a made-up one is treated as no cookie at all.
        var cookie = request.getCookies() == null
                ? null
                : Arrays.stream(request.getCookies())
                        .filter(c -> c.getName().equals(COOKIE))
                        .map(c -> reach.verifiedVisitor(c.getValue()))
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        if (cookie != null) {
            return new Visitor(reach.read(cookie) ? "c:" + cookie.id() : null);
        }
        if (page
                && ISSUED.get(request.getRemoteAddr(), a -> new AtomicInteger()).incrementAndGet()
                        <= COOKIES_PER_ADDRESS) {
            var fresh = new Cookie(COOKIE, reach.issueVisitor());
            fresh.setHttpOnly(true);
            fresh.setSecure(request.isSecure());
            fresh.setPath("/");
            fresh.setMaxAge((int) Duration.ofDays(365).toSeconds());
            fresh.setAttribute("SameSite", "Lax");
            response.addCookie(fresh);
        }
        return new Visitor(null);
    }
}
