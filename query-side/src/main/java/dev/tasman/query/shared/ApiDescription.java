package dev.tasman.query.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: every operation needs a bearer token. */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    @Bean
    OpenAPI tasmanQueryApi() {
        return new OpenAPI()
                .info(new Info().title("Tasman query API").version("v1")
                        .description("Dashboard read model, logs and metrics, audit trail and replay. Read-only "
                                + "but for replay and the edges' telemetry intake. Errors are application/problem+json."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
