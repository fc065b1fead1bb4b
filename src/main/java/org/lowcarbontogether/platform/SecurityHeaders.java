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

    private SecurityHeaders() {}

    /** The platform's policy, with more form targets (space-separated origins) allowed besides its own. */
    public static String contentSecurityPolicy(String moreFormTargets) {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'" + (moreFormTargets.isBlank() ? "" : " " + moreFormTargets.strip())
                + "; frame-ancestors 'none'";
    }

    public static void apply(HttpSecurity http) throws Exception {
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy("camera=(self), geolocation=(self), microphone=()"))
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }
}
