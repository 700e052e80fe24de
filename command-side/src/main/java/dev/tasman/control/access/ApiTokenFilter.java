package dev.tasman.control.access;

import dev.tasman.control.shared.Problems;
import dev.tasman.control.shared.RequestContext;
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
 * Every request but health, the API description and the public signing key needs a bearer token.
 * Edge tokens reach only the edge endpoints, and only edge tokens reach them. The request's correlation
 * id and trace are opened here so even a 401 can be traced.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiTokenFilter extends OncePerRequestFilter {

    static final String CALLER = ApiTokenFilter.class.getName() + ".caller";

    private final TokenView tokens;

    ApiTokenFilter(TokenView tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestContext context = RequestContext.fromHeaders(request.getHeader("X-Correlation-Id"),
                request.getHeader("traceparent"));
        response.setHeader("X-Correlation-Id", context.correlationId());
        MDC.put("correlationId", context.correlationId());
        try (RequestContext.Scope ignored = RequestContext.open(context)) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (isPublic(path)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<Caller> caller = bearer(request).map(Tokens::hash).flatMap(tokens::authenticate);
            if (caller.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"tasman\"");
                Problems.write(response, HttpStatus.UNAUTHORIZED, bearer(request).isEmpty()
                        ? "This API needs a token: send 'Authorization: Bearer <token>'."
                        : "The bearer token is not valid (unknown or revoked).");
                return;
            }
            boolean edgePath = path.startsWith("/v1/edge/") || path.equals("/v1/edge")
                    || path.startsWith("/v1/origin/");
            if (caller.get().edge() != edgePath) {
                Problems.write(response, HttpStatus.FORBIDDEN, caller.get().edge()
                        ? "Edge tokens reach only the edge endpoints (/v1/edge, /v1/origin)."
                        : "Only edge tokens reach the edge endpoints.");
                return;
            }
            if (path.startsWith("/actuator/") && !caller.get().admin()) {
                Problems.write(response, HttpStatus.FORBIDDEN, "Only platform admins can read the actuator endpoints.");
                return;
            }
            request.setAttribute(CALLER, caller.get());
            MDC.put("actor", caller.get().subject());
            try (RequestContext.Scope alsoIgnored = RequestContext.open(context.withActor(caller.get().subject()))) {
                chain.doFilter(request, response);
            }
        } finally {
            MDC.remove("correlationId");
            MDC.remove("actor");
        }
    }

    private static boolean isPublic(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/")
                || path.startsWith("/swagger-ui") || path.equals("/error") || path.equals("/v1/keys");
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
