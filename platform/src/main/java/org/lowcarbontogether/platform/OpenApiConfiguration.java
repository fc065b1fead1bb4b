package org.lowcarbontogether.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description at /v3/api-docs: what it is, and how to authenticate (personal access tokens). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI lowCarbonTogetherApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Low Carbon Together API")
                        .version("v1")
                        .description("""
                                Personal carbon accounts on one open, versioned methodology. Register with POST /api/v1/users,
                                issue a token with POST /api/v1/tokens (HTTP Basic: email and password), then send
                                'Authorization: Bearer <token>'. Writes take an Idempotency-Key. Errors are RFC 9457 problem
                                details in the caller's language (Accept-Language: en or zh-CN).""")
                        .license(new License().name("Open platform")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A personal access token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
