package dev.tasman.query.access;

import dev.tasman.query.page.PagePaths;
import dev.tasman.query.shared.Problems;
import dev.tasman.query.shared.RequestContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request but health, the API description and the dashboard page's own files needs a bearer token issued
 * by the control plane. Edge tokens reach one thing here, the telemetry intake (where they may only send for their
 * own edge); everything else is for people. The correlation id is opened first, so even a 401 can be traced.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiTokenFilter extends OncePerRequestFilter {

    /** Where edges send request telemetry: the one endpoint an edge token reaches. */
    static final String TELEMETRY_INTAKE = "/v1/telemetry/requests";

    private final Access access;

    ApiTokenFilter(Access access) {
        this.access = access;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestContext context = RequestContext.fromHeader(request.getHeader("X-Correlation-Id"));
        response.setHeader("X-Correlation-Id", context.correlationId());
        MDC.put("correlationId", context.correlationId());
        try (RequestContext.Scope ignored = context.open()) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (isPublic(path)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<String> bearer = bearer(request);
            Optional<Caller> caller = bearer.flatMap(access::authenticate);
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"tasman\"");
                Problems.write(response, HttpStatus.UNAUTHORIZED, bearer.isEmpty()
                        ? "This API needs a token: send 'Authorization: Bearer <token>'."
                        : "The bearer token is not valid (unknown or revoked). A token issued a moment ago "
                                + "reaches the query side within a second.");
                return;
            }
            if (caller.get().edge() && !isTelemetryIntake(request.getMethod(), path)) {
                Problems.write(response, HttpStatus.FORBIDDEN, "Edge tokens reach only the control plane's edge "
                        + "endpoints and, here, POST " + TELEMETRY_INTAKE + "; nothing else on the query side.");
                return;
            }
            if (path.startsWith("/actuator/") && !caller.get().admin()) {
                Problems.write(response, HttpStatus.FORBIDDEN, "Only platform admins can read the actuator endpoints.");
                return;
            }
            request.setAttribute(Access.CALLER, caller.get());
            MDC.put("actor", caller.get().subject());
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
            MDC.remove("actor");
        }
    }

    private static boolean isTelemetryIntake(String method, String path) {
        return "POST".equals(method) && path.equals(TELEMETRY_INTAKE);
    }

    private static boolean isPublic(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/")
                || path.startsWith("/swagger-ui") || path.equals("/error") || PagePaths.isPublic(path);
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
