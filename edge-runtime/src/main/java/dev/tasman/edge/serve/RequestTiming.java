package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Records every site request in {@link Metrics}: its final status and the time from here until the
 * exchange completes, which for a large file is when its last byte was written, not when the handler
 * returned.
 */
final class RequestTiming implements HttpHandler {

    private final Metrics metrics;
    private final HttpHandler next;

    RequestTiming(Metrics metrics, HttpHandler next) {
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            metrics.record(done.getStatusCode(), System.nanoTime() - start);
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
