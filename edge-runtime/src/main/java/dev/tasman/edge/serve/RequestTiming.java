package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Records every site request in {@link Metrics} and reports it to the {@link RequestLog}: its final
 * status and the time from here until the exchange completes, which for a large file is when its last
 * byte was written, not when the handler returned. Placed before {@link Failures} and
 * {@link SiteSelection}, so 500s and unknown hosts are recorded too; the deployment is read from what
 * SiteSelection attached to the exchange.
 */
final class RequestTiming implements HttpHandler {

    private final Metrics metrics;
    private final RequestLog log;
    private final HttpHandler next;

    RequestTiming(Metrics metrics, RequestLog log, HttpHandler next) {
        this.metrics = metrics;
        this.log = log;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        Instant arrived = log == RequestLog.NONE ? null : Instant.now(); // the wall clock only for telemetry
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                long nanos = System.nanoTime() - start;
                metrics.record(done.getStatusCode(), nanos);
                if (log != RequestLog.NONE) {
                    log.served(served(done, arrived, nanos));
                }
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private static ServedRequest served(HttpServerExchange done, Instant arrived, long nanos) {
        SiteRequest site = SiteRequest.of(done);
        return new ServedRequest(arrived, done.getRequestHeaders().getFirst(Headers.HOST),
                done.getRequestMethod().toString(), done.getRequestPath(), done.getStatusCode(),
                TimeUnit.NANOSECONDS.toMicros(nanos), done.getResponseBytesSent(),
                site == null ? null : site.site.projectId(), site == null ? null : site.site.deploymentId());
    }
}
