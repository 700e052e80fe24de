package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;

/**
 * The manifest's header rules: every rule whose source matches the request path adds its headers; for
 * the same name a later rule wins. They are set before the file is chosen, so they apply to whatever
 * this path answers (the file, the SPA fallback, the 404 page). The file step sets Cache-Control and
 * Content-Type only where a rule has not, and always sets the headers that describe the bytes sent
 * (length, encoding, ETag, range): a rule cannot make those lie.
 */
final class HeaderRules implements HttpHandler {

    private final HttpHandler next;

    HeaderRules(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        SiteRequest request = SiteRequest.of(exchange);
        HeaderMap response = exchange.getResponseHeaders();
        for (CompiledSite.HeaderRule rule : request.site.headers) {
            if (rule.source().match(request.path) != null) {
                for (int i = 0; i < rule.names().length; i++) {
                    response.put(rule.names()[i], rule.values()[i]);
                }
            }
        }
        next.handleRequest(exchange);
    }
}
