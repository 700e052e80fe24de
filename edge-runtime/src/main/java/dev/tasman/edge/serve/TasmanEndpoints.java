package dev.tasman.edge.serve;

import dev.tasman.edge.routing.Routing;
import dev.tasman.edge.routing.RoutingTable;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Optional;

/**
 * The edge's own endpoints under {@code /_tasman/}, answered for any Host so a load balancer or
 * Prometheus can reach them by IP; everything else goes to {@code next} (the sites). The prefix is
 * reserved: a deployment's own {@code _tasman/} files are never served.
 */
final class TasmanEndpoints implements HttpHandler {

    static final String PREFIX = "/_tasman/";

    private final Routing routing;
    private final Metrics metrics;
    private final HttpHandler next;

    TasmanEndpoints(Routing routing, Metrics metrics, HttpHandler next) {
        this.routing = routing;
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.startsWith(PREFIX)) {
            next.handleRequest(exchange);
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.GET) && !exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            Pages.problem(exchange, 405, "Method Not Allowed", "The edge's endpoints answer GET and HEAD only.");
            return;
        }
        switch (path.substring(PREFIX.length())) {
            case "health" -> health(exchange);
            case "metrics" -> Pages.body(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.text());
            default -> Pages.problem(exchange, 404, "Not Found",
                    "The edge answers /_tasman/health and /_tasman/metrics; there is nothing else under /_tasman/.");
        }
    }

    /** Ready only once a routing table is loaded: until then a load balancer should send traffic elsewhere. */
    private void health(HttpServerExchange exchange) {
        Optional<RoutingTable> table = routing.current();
        if (table.isEmpty()) {
            Pages.body(exchange, 503, "application/json", "{\"status\":\"starting\"}");
            return;
        }
        Pages.body(exchange, 200, "application/json", "{\"status\":\"ready\",\"position\":" + table.get().position()
                + ",\"sites\":" + table.get().sites().size() + "}");
    }
}
