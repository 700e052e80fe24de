package dev.tasman.control.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON bodies are read whole into memory, so they are limited here (1 MB; a variable value, the largest
 * JSON anyone sends, is at most 64 KB). Source archives stream to disk under their own limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class JsonBodyLimit extends OncePerRequestFilter {

    static final long MAX_JSON_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().contains("json") && request.getContentLengthLong() > MAX_JSON_BYTES) {
            Problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "JSON request bodies may be at most 1 MB; this one is "
                    + request.getContentLengthLong() / 1024 + " KB.");
            return;
        }
        chain.doFilter(request, response);
    }
}
