package org.lowcarbontogether.platform;

import java.text.Normalizer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. Pages use sessions with CSRF protection; the API under {@code /api} is stateless and uses bearer
 * tokens limited by their scopes, except {@code POST /api/v1/tokens}, which takes the account's email and password once
 * (HTTP Basic) to issue one; the actuator's metrics take an administrator's token. Authorisation of individual objects
 * is checked by each module against the caller.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY;

    /**
     * Argon2id for new passwords (no 72-byte limit, memory-hard); hashes made before carry their algorithm ({@code
     * {bcrypt}}) and still match, and are upgraded to Argon2id the next time their owner signs in. A password too long
     * for an old bcrypt hash simply does not match it, instead of failing.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        var encoders = new HashMap<String, PasswordEncoder>();
        // OWASP's Argon2id parameters: 19 MiB, two passes, one lane (hashes made with other parameters are upgraded).
        encoders.put("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2));
        encoders.put("bcrypt", new BCryptPasswordEncoder());
        var delegating = new DelegatingPasswordEncoder("argon2", encoders);
        return new PasswordEncoder() {
            @Override
            public @Nullable String encode(@Nullable CharSequence raw) {
                return raw == null ? null : delegating.encode(nfc(raw));
            }

            @Override
            public boolean matches(@Nullable CharSequence raw, @Nullable String encoded) {
                if (raw == null) {
                    return false;
                }
                try {
                    return delegating.matches(nfc(raw), encoded);
                } catch (IllegalArgumentException tooLongForBcrypt) {
                    return false;
                }
            }

            @Override
            public boolean upgradeEncoding(@Nullable String encoded) {
                return delegating.upgradeEncoding(encoded);
            }
        };
    }

    /** The same password however it was typed or sent (a form, JSON, HTTP Basic): Unicode NFC. */
    private static String nfc(CharSequence raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFC);
    }

    /**
     * No observations of Spring Security's filters, and so no decorator around each filter of each chain: with the
     * observations merely disabled (management.observations.enable.spring.security) the decorator still ran for every
     * filter, about 6 % of an API request's CPU (JFR under perf/record-api.sh). Requests are still timed as a whole
     * (http.server.requests).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RateLimitFilter rateLimitFilter(
            RateLimitProperties limits, SignInThrottle throttle, ProblemWriter problems, RateBudgets budgets) {
        return new RateLimitFilter(limits, throttle, problems, budgets);
    }

    /** The rate limits run inside the security chains, not as a separate servlet filter. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(RateLimitFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain tokenIssuing(HttpSecurity http, ProblemWriter problems, RateLimitFilter rateLimits)
            throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/tokens"))
                .addFilterBefore(rateLimits, BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized(problems, "bad-credentials")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(problems, "bad-credentials")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http, ApiTokenAuthenticator tokens, ProblemWriter problems, RateLimitFilter rateLimits)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/admin/**")
                        .hasAnyRole("ADMIN", "PROGRAMME_OFFICER")
                        .requestMatchers(
                                "/api/v1/methodology/drafts",
                                "/api/v1/methodology/drafts/**",
                                "/api/v1/stories/moderation")
                        .authenticated()
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/users",
                                "/api/v1/account/password-reset",
                                "/api/v1/schools/join",
                                "/api/v1/schools/join/*",
                                "/api/v1/schools/pupil-tokens",
                                "/api/v1/account/password-reset/confirmation",
                                "/api/v1/account/email-verification",
                                "/api/v1/account/email/confirmation",
                                "/api/v1/account/email/cancellation",
                                "/api/v1/calculations",
                                "/api/v1/stories/*/views",
                                "/api/v1/stories/*/shares")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/behaviours/**",
                                "/api/v1/impact/**",
                                "/api/v1/methodology",
                                "/api/v1/methodology/**",
                                "/api/v1/factors",
                                "/api/v1/organisations",
                                "/api/v1/organisations/*",
                                "/api/v1/communities",
                                "/api/v1/communities/*",
                                "/api/v1/communities/*/feed",
                                "/api/v1/events",
                                "/api/v1/events/*",
                                "/api/v1/campaigns",
                                "/api/v1/campaigns/*",
                                "/api/v1/campaigns/*/progress",
                                "/api/v1/campaigns/*/leaderboard",
                                "/api/v1/campaigns/*/teams",
                                "/api/v1/stories",
                                "/api/v1/stories/*",
                                "/api/v1/stories/*/photos/*",
                                "/api/v1/programmes",
                                "/api/v1/programmes/*",
                                "/api/v1/programmes/*/impact",
                                "/api/v1/open-data/**",
                                "/api/v1/calls",
                                "/api/v1/calls/*",
                                "/api/v1/projects/*",
                                "/api/v1/projects/*/impact",
                                "/api/v1/rewards",
                                "/api/v1/rewards/*",
                                "/api/v1/incentives/rules",
                                "/api/v1/courses",
                                "/api/v1/courses/*",
                                "/api/v1/courses/certificates/*",
                                "/api/v1/resources",
                                "/api/v1/products",
                                "/api/v1/products/categories",
                                "/api/v1/products/labels",
                                "/api/v1/products/*",
                                "/api/v1/products/*/credit-basis",
                                "/api/v1/products/*/photos",
                                "/api/v1/products/*/photos/*",
                                "/api/v1/ride-map",
                                "/api/v1/rides/challenges",
                                "/api/v1/rides/challenges/*",
                                "/api/v1/infrastructure-reports",
                                "/api/v1/infrastructure-reports/*",
                                "/api/v1/infrastructure-reports/*/photo")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterAfter(rateLimits, BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(problems, "authentication-required"))
                        .accessDeniedHandler(forbidden(problems)));
        headers(http);
        return http.build();
    }

    /**
     * The actuator: health and info for anyone; everything else (metrics for Prometheus) for an administrator's bearer
     * token only. No password is ever checked here, so it cannot be used to guess one.
     */
    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, ApiTokenAuthenticator tokens, ProblemWriter problems)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                                .permitAll()
                                .anyRequest()
                                .hasRole("ADMIN"))
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized(problems, "authentication-required"))
                        .accessDeniedHandler(forbidden(problems)));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain pages(
            HttpSecurity http,
            RateLimitFilter rateLimits,
            SessionValidity sessions,
            @Value("${lct.session.absolute-timeout:P7D}") Duration absoluteTimeout)
            throws Exception {
        http.addFilterBefore(rateLimits, UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(
                        new SessionValidityFilter(sessions, absoluteTimeout), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/admin", "/admin/**")
                        .hasAnyRole("ADMIN", "PROGRAMME_OFFICER")
                        .requestMatchers(
                                "/methodology/review",
                                "/methodology/review/**",
                                "/methodology/restatements",
                                "/communities/new",
                                "/events/new",
                                "/training/courses/new",
                                "/campaigns/new",
                                "/stories/new",
                                "/stories/mine",
                                "/stories/moderation")
                        .authenticated()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/communities",
                                "/communities/*",
                                "/events",
                                "/events/*",
                                "/campaigns",
                                "/campaigns/*",
                                "/stories",
                                "/stories/*",
                                "/stories/*/photos/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/stories/*/share")
                        .permitAll()
                        // One-click unsubscribe (RFC 8058): the signed token in the address is the capability.
                        .requestMatchers("/unsubscribe/*")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/impact/definitions",
                                "/programmes",
                                "/programmes/*",
                                "/programmes/*/summary",
                                "/programmes/*/summary.pdf",
                                "/coalitions",
                                "/coalitions/*/report",
                                "/coalitions/*/report.pdf",
                                "/programmes/*/export/*",
                                "/calls/*",
                                "/projects/*",
                                "/training",
                                "/training/courses/*",
                                "/training/certificates",
                                "/training/certificates/*",
                                "/training/resources",
                                "/training/resources/*/open",
                                "/products",
                                "/products/*",
                                "/products/*/photos/*",
                                "/rides/map",
                                "/rides/challenges",
                                "/rides/challenges/*",
                                "/infrastructure",
                                "/infrastructure/*",
                                "/infrastructure/*/photo")
                        .permitAll()
                        .requestMatchers(
                                "/",
                                "/impact",
                                "/register",
                                "/login",
                                "/password-reset",
                                "/password-reset/new",
                                "/email/verify",
                                "/email/change/confirm",
                                "/email/change/cancel",
                                "/guardian/consent",
                                "/schools/join",
                                "/schools/pupil",
                                "/privacy",
                                "/methodology",
                                "/methodology/**",
                                "/rewards",
                                "/incentives/rules",
                                "/certificates/*",
                                "/problems/**",
                                "/error",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/images/**",
                                "/favicon.ico",
                                "/manifest.webmanifest",
                                "/sw.js",
                                "/offline",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/v3/api-docs",
                                "/v3/api-docs/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/account")
                        .failureHandler(signInFailure())
                        .permitAll())
                .logout(logout ->
                        logout.logoutUrl("/logout").logoutSuccessUrl("/").deleteCookies("JSESSIONID"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                // A mail reader posts the one-click unsubscribe without a session, so without a CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/*"));
        headers(http);
        return http.build();
    }

    private static void headers(HttpSecurity http) throws Exception {
        SecurityHeaders.apply(http);
    }

    /**
     * A sign-in that failed goes back to the form; one whose password was right but whose account is suspended (the
     * accounts module reports it as credentials no longer valid, checked only after the password) says so.
     */
    private static AuthenticationFailureHandler signInFailure() {
        var handler = new ExceptionMappingAuthenticationFailureHandler();
        handler.setExceptionMappings(Map.of(CredentialsExpiredException.class.getName(), "/login?suspended"));
        handler.setDefaultFailureUrl("/login?error");
        return handler;
    }

    private static AuthenticationEntryPoint unauthorized(ProblemWriter problems, String code) {
        return (request, response, e) -> {
            if (e instanceof CredentialsExpiredException) {
                problems.write(request, response, HttpStatus.FORBIDDEN, "account-suspended");
                return;
            }
            response.setHeader("WWW-Authenticate", code.equals("bad-credentials") ? "Basic realm=\"lct\"" : "Bearer");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, code);
        };
    }

    private static AccessDeniedHandler forbidden(ProblemWriter problems) {
        return (request, response, e) -> problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden");
    }
}
