package dev.tasman.control.shared;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Which web pages may call this API from a browser: the dashboard is served by the query side, another origin,
 * and its promote and rollback buttons call the control plane. Browsers send a preflight without the bearer
 * token, so the check runs as a filter ahead of the token filter. Bearer tokens only, never cookies: no
 * credentials are allowed, so a page that is not listed cannot ride on a signed-in session either.
 */
@Configuration
class CrossOrigin {

    /**
     * Settings under {@code tasman.control.cors}.
     *
     * @param allowedOrigins origins ({@code https://dashboard.example.com}) whose pages may call the API; empty:
     *                       none, the API answers browsers of its own origin only. Found by the application's
     *                       configuration properties scan.
     */
    @ConfigurationProperties("tasman.control.cors")
    record Settings(List<String> allowedOrigins) {

        Settings {
            allowedOrigins = allowedOrigins == null ? List.of()
                    : allowedOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        }
    }

    @Bean
    FilterRegistrationBean<CorsFilter> crossOriginFilter(Settings settings) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter(settings));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5); // before ApiTokenFilter (+10)
        return registration;
    }

    static CorsFilter filter(Settings settings) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!settings.allowedOrigins().isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(settings.allowedOrigins());
            configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            configuration.setExposedHeaders(List.of("X-Correlation-Id"));
            configuration.setAllowCredentials(false);
            configuration.setMaxAge(600L);
            source.registerCorsConfiguration("/v1/**", configuration);
        }
        return new CorsFilter(source);
    }
}
