package dev.tasman.control.shared;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who is calling and under which correlation and trace, for the duration of one request or one
 * internal job. Commands sent while a context is open carry it as metadata.
 */
public record RequestContext(String actor, String correlationId, String traceparent) {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Optional<RequestContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Opens a context for this thread; close the returned scope when the work is done. */
    public static Scope open(RequestContext context) {
        RequestContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** A context for work the platform does on its own behalf (start-up, timers). */
    public static RequestContext system() {
        return new RequestContext("system", UUID.randomUUID().toString(), newTraceparent());
    }

    public RequestContext withActor(String newActor) {
        return new RequestContext(newActor, correlationId, traceparent);
    }

    /** Accepts the caller's ids when well-formed, otherwise starts new ones. */
    public static RequestContext fromHeaders(String correlationHeader, String traceparentHeader) {
        String correlation = correlationHeader != null && CORRELATION.matcher(correlationHeader).matches()
                ? correlationHeader : UUID.randomUUID().toString();
        String trace = traceparentHeader != null && TRACEPARENT.matcher(traceparentHeader).matches()
                ? traceparentHeader : newTraceparent();
        return new RequestContext(null, correlation, trace);
    }

    static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
