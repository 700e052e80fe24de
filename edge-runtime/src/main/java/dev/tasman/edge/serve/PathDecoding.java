package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Decodes the request path once ({@link RequestPath}); a path that is not acceptable is 400. */
final class PathDecoding implements HttpHandler {

    private final HttpHandler next;

    PathDecoding(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = RequestPath.decode(exchange.getRequestURI());
        if (path == null) {
            Pages.send(exchange, Pages.Page.BAD_PATH);
            return;
        }
        SiteRequest request = SiteRequest.of(exchange);
        request.path = path;
        request.target = path;
        next.handleRequest(exchange);
    }
}
