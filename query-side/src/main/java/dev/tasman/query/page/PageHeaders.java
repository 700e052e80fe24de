package dev.tasman.query.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers for the page: it runs only its own scripts (no inline code, so an injected string can never
 * run), talks only to this side and the control plane, and cannot be framed. The API answers JSON; nosniff and
 * the referrer policy suit it as well.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class PageHeaders extends OncePerRequestFilter {

    private final String policy;

    PageHeaders(PageSettings settings) {
        String controlPlane = settings.controlPlaneOrigin();
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + (controlPlane.isEmpty() ? "" : " " + controlPlane) + "; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (PagePaths.isPublic(path)) {
            response.setHeader("Content-Security-Policy", policy);
            response.setHeader("X-Frame-Options", "DENY");
            // The page's files are small and change with each release: revalidate (ETag) rather than guess.
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
