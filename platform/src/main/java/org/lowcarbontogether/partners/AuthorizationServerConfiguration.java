package org.lowcarbontogether.partners;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Principal;
import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.account.AuthenticatedUser;
import org.lowcarbontogether.platform.ProblemWriter;
import org.lowcarbontogether.platform.RateBudgets;
import org.lowcarbontogether.platform.RateLimitProperties;
import org.lowcarbontogether.platform.SecretCipher;
import org.lowcarbontogether.platform.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorisation server inside the platform, for partners only, and the resource server side of the partner API.
 * Two security chains, ordered before the platform's own (which stay as they are): the authorisation server's endpoints
 * ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /oauth2/jwks}, metadata), which send a person who is not
 * signed in to the sign-in page; and {@code /api/v1/partner/**}, which takes only the server's JWTs and checks their
 * scopes. Clients, authorisations and consents are kept in the database, and so are the signing keys ({@link
 * SigningKeys}, rotated by {@link PartnerSigningKeys}).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    PartnerSecrets partnerSecrets(PasswordEncoder passwordEncoder, Clock clock) {
        return new PartnerSecrets(passwordEncoder, clock);
    }

    /** Every published key: the JWK set endpoint and the partner API's decoder use it. */
    @Bean
    SigningKeys signingKeys(
            JdbcClient jdbc,
            Clock clock,
            SecretCipher cipher,
            SigningKeyProperties properties,
            PlatformTransactionManager transactions) {
        return new SigningKeys(jdbc, clock, cipher, properties, transactions);
    }

    /**
     * The authorisation server's encoder signs with the current key alone (given the whole JWK set, it would refuse as
     * soon as a successor is published beside it).
     */
    @Bean
    JwtEncoder partnerJwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.signing());
    }

    /** Tokens signed by any published key verify: a retired key's until they expire, a next key's from its first. */
    @Bean
    JwtDecoder partnerJwtDecoder(JWKSource<SecurityContext> keys) {
        return NimbusJwtDecoder.withJwkSource(keys).build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /**
     * Authorisations in the database. The signed-in person is kept in them only as their id and roles (not the whole
     * account object), which is what the token needs and what the stored JSON can hold.
     */
    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        var stored = new JdbcOAuth2AuthorizationService(jdbc, clients);
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                Object principal = authorization.getAttribute(Principal.class.getName());
                if (principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof AuthenticatedUser user) {
                    var simple = UsernamePasswordAuthenticationToken.authenticated(
                            user.id().toString(),
                            null,
                            user.roles().stream()
                                    .map(r -> new SimpleGrantedAuthority(r.authority()))
                                    .toList());
                    authorization = OAuth2Authorization.from(authorization)
                            .attribute(Principal.class.getName(), simple)
                            .build();
                }
                stored.save(authorization);
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                stored.remove(authorization);
            }

            @Override
            public @Nullable OAuth2Authorization findById(String id) {
                return stored.findById(id);
            }

            @Override
            public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
                return stored.findByToken(token, tokenType);
            }
        };
    }

    /** Consents in the database; approving a partner on the consent page links the person's account to it. */
    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcTemplate jdbc,
            RegisteredClientRepository clients,
            PartnerLinks links,
            PlatformTransactionManager transactions) {
        var stored = new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
        var transaction = new TransactionTemplate(transactions);
        return new OAuth2AuthorizationConsentService() {
            @Override
            public void save(OAuth2AuthorizationConsent consent) {
                transaction.executeWithoutResult(status -> {
                    stored.save(consent);
                    var signedIn = SecurityContextHolder.getContext().getAuthentication();
                    var client = clients.findById(consent.getRegisteredClientId());
                    if (signedIn != null
                            && signedIn.getPrincipal() instanceof AuthenticatedUser user
                            && client != null) {
                        links.approve(user.id(), consent.getPrincipalName(), client.getClientId(), consent.getScopes());
                    }
                });
            }

            @Override
            public void remove(OAuth2AuthorizationConsent consent) {
                stored.remove(consent);
            }

            @Override
            public @Nullable OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
                return stored.findById(registeredClientId, principalName);
            }
        };
    }

    /**
     * Every token names its partner and mode; a token issued to a person's link carries the link's pairwise subject as
     * {@code sub} — never the person's id or address.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> partnerTokens(PartnerClients clients, PartnerLinks links) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            var owner = clients.owner(context.getRegisteredClient().getClientId());
            if (owner.isEmpty()) {
                return;
            }
            context.getClaims()
                    .claim("partner", owner.get().partnerId().toString())
                    .claim("mode", owner.get().mode().name());
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                Authentication person = context.getPrincipal();
                UUID userId = person.getPrincipal() instanceof AuthenticatedUser user
                        ? user.id()
                        : UUID.fromString(person.getName());
                String subject = links.subject(owner.get().partnerId(), userId)
                        .orElseThrow(() -> new OAuth2AuthenticationException(
                                new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "The account is not linked", null)));
                context.getClaims().subject(subject);
            }
        };
    }

    /** The authorisation server's endpoints; a person not signed in is sent to the sign-in page and back. */
    @Bean
    @Order(-20)
    SecurityFilterChain authorizationServer(HttpSecurity http, PartnerSecrets secrets) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent"))
                            .clientAuthentication(authentication ->
                                    authentication.authenticationProviders(providers -> providers.forEach(provider -> {
                                        if (provider instanceof ClientSecretAuthenticationProvider secret) {
                                            secret.setPasswordEncoder(secrets.encoder());
                                        }
                                    })));
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        SecurityHeaders.apply(http);
        return http.build();
    }

    /** The budget of partner API requests, per client ({@code lct.rate-limits.partner-clients}). */
    static final String PARTNER_BUDGET = "partner-client";

    /** The partner API: the authorisation server's JWTs only, each path its scope; refusals are problems. */
    @Bean
    @Order(-10)
    SecurityFilterChain partnerApi(
            HttpSecurity http,
            JwtDecoder partnerJwtDecoder,
            ProblemWriter problems,
            RateBudgets budgets,
            RateLimitProperties limits)
            throws Exception {
        http.securityMatcher("/api/v1/partner/**")
                .addFilterAfter(
                        budgets.filter(PARTNER_BUDGET, limits.partnerClients(), request -> {
                            var who = SecurityContextHolder.getContext().getAuthentication();
                            return who != null && who.isAuthenticated() ? who.getName() : null;
                        }),
                        BearerTokenAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                HttpMethod.POST, "/api/v1/partner/activities", "/api/v1/partner/activities/**")
                        .hasAuthority("SCOPE_activities.write")
                        .requestMatchers(HttpMethod.GET, "/api/v1/partner/links/**")
                        .hasAuthority("SCOPE_links.read")
                        .requestMatchers(HttpMethod.GET, "/api/v1/partner/reconciliation/**")
                        .hasAuthority("SCOPE_reports.read")
                        .requestMatchers("/api/v1/partner/webhooks", "/api/v1/partner/webhooks/**")
                        .hasAuthority("SCOPE_webhooks.manage")
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(partnerJwtDecoder))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "invalid-token");
                        })
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "insufficient-scope")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            problems.write(request, response, HttpStatus.UNAUTHORIZED, "authentication-required");
                        })
                        .accessDeniedHandler((request, response, ex) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "insufficient-scope")));
        SecurityHeaders.apply(http);
        return http.build();
    }
}
