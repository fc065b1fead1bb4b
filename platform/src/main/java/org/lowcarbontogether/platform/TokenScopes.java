package org.lowcarbontogether.platform;

import java.util.List;
import org.springframework.util.AntPathMatcher;

/**
 * Which scope a token needs for a request: {@code read} to look (GET, HEAD), {@code record} for a person's own actions
 * (their records, account, tokens, registrations, check-ins, memberships, stories, redemptions), {@code organise} for
 * everything that manages other people's things (organisations, communities, campaigns, events, reviews, programmes,
 * the methodology). Pages and sessions are not limited by scopes.
 */
final class TokenScopes {

    /** A person's own actions. */
    static final List<String> RECORD_PATHS = List.of(
            "/api/v1/records",
            "/api/v1/records:batch",
            "/api/v1/records/*/reversal",
            "/api/v1/calculations",
            "/api/v1/account/**",
            "/api/v1/tokens",
            "/api/v1/tokens/*",
            "/api/v1/rewards/*/redemptions",
            "/api/v1/events/*/registrations",
            "/api/v1/events/*/registrations/me",
            "/api/v1/events/*/check-ins",
            "/api/v1/campaigns/*/participants",
            "/api/v1/campaigns/*/participants/me",
            "/api/v1/campaigns/*/teams",
            "/api/v1/campaigns/*/items",
            "/api/v1/campaigns/*/items/**",
            "/api/v1/campaigns/*/stories",
            "/api/v1/communities/*/members",
            "/api/v1/communities/*/members/me",
            "/api/v1/communities/*/stories",
            "/api/v1/organisations/*/membership",
            "/api/v1/stories",
            "/api/v1/stories/*/views",
            "/api/v1/stories/*/shares");

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private TokenScopes() {}

    static String required(String method, String path) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return "read";
        }
        return RECORD_PATHS.stream().anyMatch(p -> PATHS.match(p, path)) ? "record" : "organise";
    }
}
