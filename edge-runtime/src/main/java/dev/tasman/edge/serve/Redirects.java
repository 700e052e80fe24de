package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** The manifest's redirects, first match wins, before anything else looks at the path. */
final class Redirects implements HttpHandler {

    private final HttpHandler next;

    Redirects(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        SiteRequest request = SiteRequest.of(exchange);
        for (CompiledSite.Redirect redirect : request.site.redirects) {
            String[] values = redirect.source().match(request.path);
            if (values != null) {
                Locations.redirect(exchange, redirect.permanent(),
                        redirect.destination().url(values, exchange.getQueryString()));
                return;
            }
        }
        next.handleRequest(exchange);
    }
}
