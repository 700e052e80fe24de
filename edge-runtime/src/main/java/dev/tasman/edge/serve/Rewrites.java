package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.function.UnaryOperator;

/**
 * The manifest's rewrites, first match wins: the file is then looked up at the destination while the
 * browser's URL stays. Rewrites come before files (the manifest's rule order), so a catch-all rewrite
 * also catches paths that name a file; the SPA fallback is the rule for "unknown paths only".
 */
final class Rewrites implements HttpHandler {

    private final HttpHandler next;

    Rewrites(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        SiteRequest request = SiteRequest.of(exchange);
        for (CompiledSite.Rewrite rewrite : request.site.rewrites) {
            String[] values = rewrite.source().match(request.path);
            if (values != null) {
                request.target = rewrite.destination().path(values, UnaryOperator.identity());
                request.rewritten = true;
                break;
            }
        }
        next.handleRequest(exchange);
    }
}
