package dev.tasman.query.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the request being served, so a problem response and the log line behind it can be
 * matched. The caller's own id ({@code X-Correlation-Id}) is kept when it is well-formed.
 */
public record RequestContext(String correlationId) {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static Optional<RequestContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static RequestContext fromHeader(String correlationHeader) {
        return new RequestContext(correlationHeader != null && CORRELATION.matcher(correlationHeader).matches()
                ? correlationHeader : UUID.randomUUID().toString());
    }

    /** Opens this context for the current thread; close the returned scope when the request is done. */
    public Scope open() {
        RequestContext previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
