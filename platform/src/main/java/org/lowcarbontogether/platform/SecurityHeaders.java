package org.lowcarbontogether.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers every security chain sends: a strict content security policy, the referrer and permissions
 * policies, and HSTS. A page that must post a form elsewhere (the partner consent page, which ends at the partner's
 * redirect address) sets its own policy with {@link #contentSecurityPolicy(String)}.
 */
public final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy("");

    /** The configured map tile server's origin (see {@link MapTiles}), with a leading space; empty when none. */
    private static volatile String tileOrigin = "";

    private SecurityHeaders() {}

    /** Lets pages load map tiles from the configured tile server's origin. */
    static void allowTilesFrom(String origin) {
        tileOrigin = origin.isBlank() ? "" : " " + origin.strip();
    }

    /** The platform's policy, with more form targets (space-separated origins) allowed besides its own. */
    public static String contentSecurityPolicy(String moreFormTargets) {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: https://tile.openstreetmap.org" + tileOrigin
                + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'" + (moreFormTargets.isBlank() ? "" : " " + moreFormTargets.strip())
                + "; frame-ancestors 'none'";
    }

    public static void apply(HttpSecurity http) throws Exception {
        // The policy is written per response, so a tile server configured after the chains were built counts too; a
        // page that set its own policy keeps it.
        http.headers(headers -> headers.addHeaderWriter((request, response) -> {
                    if (!response.containsHeader("Content-Security-Policy")) {
                        response.setHeader("Content-Security-Policy", contentSecurityPolicy(""));
                    }
                })
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(self), geolocation=(self), microphone=()"))
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }
}
