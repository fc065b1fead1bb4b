package org.lowcarbontogether.partners.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Set;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The partner API as its own OpenAPI group ({@code /v3/api-docs/partners}, a choice in Swagger UI): only what a partner
 * calls, described with its OAuth 2.0 flows and the step-by-step guide; the whole API stays at {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class PartnerOpenApi {

    private static final String GUIDE = """
            For internet companies and transport operators that credit their users' low-carbon actions. The full guide, \
            in English and Chinese, is docs/partners.md in the platform's repository.

            1. **Register.** A programme officer onboards you and issues client credentials per mode: SANDBOX (checked \
            and calculated, never credited) and LIVE. Secrets are shown once; a new one overlaps the previous for 7 days.
            2. **Link.** Send a person to /oauth2/authorize (authorisation code with PKCE S256, scopes scenario.<code>); \
            they consent on the platform in their language; the token's sub is a pairwise subject made for this link.
            3. **Send.** A client-credentials token (scope activities.write) then POST /api/v1/partner/activities, or \
            /activities/bulk (JSON lines or CSV, up to 10,000 rows, per-row results), each with your own reference; \
            replays are answered the same; a claimKey declares the real-world event so two partners credit it once.
            4. **Receive.** Register webhook endpoints (scope webhooks.manage): activity.credited, .held, .refused and \
            .reversed are delivered signed per Standard Webhooks, retried for about 3 days, redeliverable from the log.
            5. **Reconcile.** GET /api/v1/partner/reconciliation/{day} (scope reports.read) and its activities.csv: \
            sent, credited, held, refused and reversed, totals by behaviour, to compare with your own books.

            Errors are RFC 9457 problem details in the caller's language (Accept-Language: en or zh-CN).""";

    /** What a partner's own systems call. */
    private static final Set<Class<?>> PARTNER_CONTROLLERS = Set.of(
            PartnerApiController.class, PartnerWebhooksApiController.class, PartnerContributionsApiController.class);

    @Bean
    GroupedOpenApi partnerApiGroup() {
        return GroupedOpenApi.builder()
                .group("partners")
                .displayName("Partner API")
                // By controller, not by path: the global springdoc.paths-to-match is merged into a group's paths.
                .addOpenApiMethodFilter(method -> PARTNER_CONTROLLERS.contains(method.getDeclaringClass()))
                .addOpenApiCustomizer(api -> {
                    api.info(new Info()
                                    .title("Low Carbon Together — Partner API")
                                    .version("v1")
                                    .description(GUIDE))
                            .components(
                                    (api.getComponents() == null ? new Components() : api.getComponents())
                                            .addSecuritySchemes(
                                                    "partner",
                                                    new SecurityScheme()
                                                            .type(SecurityScheme.Type.OAUTH2)
                                                            .description(
                                                                    "OAuth 2.0 client credentials issued to the partner")
                                                            .flows(
                                                                    new OAuthFlows()
                                                                            .clientCredentials(
                                                                                    new OAuthFlow()
                                                                                            .tokenUrl("/oauth2/token")
                                                                                            .scopes(
                                                                                                    new Scopes()
                                                                                                            .addString(
                                                                                                                    "activities.write",
                                                                                                                    "Send activities")
                                                                                                            .addString(
                                                                                                                    "links.read",
                                                                                                                    "Read the state of a link")
                                                                                                            .addString(
                                                                                                                    "reports.read",
                                                                                                                    "Read the daily reconciliation")
                                                                                                            .addString(
                                                                                                                    "webhooks.manage",
                                                                                                                    "Manage webhook endpoints and deliveries")))
                                                                            .authorizationCode(
                                                                                    new OAuthFlow()
                                                                                            .authorizationUrl(
                                                                                                    "/oauth2/authorize")
                                                                                            .tokenUrl("/oauth2/token")
                                                                                            .scopes(
                                                                                                    new Scopes()
                                                                                                            .addString(
                                                                                                                    "scenario.<code>",
                                                                                                                    "A scenario the person agrees to share"))))))
                            .security(List.of(new SecurityRequirement().addList("partner")));
                })
                .build();
    }

    /** Everything else stays one group, so Swagger UI offers both. */
    @Bean
    GroupedOpenApi platformApiGroup() {
        return GroupedOpenApi.builder()
                .group("platform")
                .displayName("Platform API")
                .addOpenApiMethodFilter(method -> !PARTNER_CONTROLLERS.contains(method.getDeclaringClass())
                        || method.getDeclaringClass() == PartnerContributionsApiController.class)
                .build();
    }
}
