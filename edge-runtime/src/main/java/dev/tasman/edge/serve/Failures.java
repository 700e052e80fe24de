package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import java.lang.System.Logger.Level;
import org.xnio.IoUtils;

/**
 * Turns an unexpected exception into the generic 500 page, logged once here. Without it Undertow would
 * log the exception itself and answer an empty 500. What the failed handler had set (an ETag, a length,
 * a cookie) is dropped: it described a response that was never sent. The deployment and edge headers
 * stay, so the failure can be traced.
 */
final class Failures implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    private final HttpHandler next;

    Failures(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            fail(exchange, e);
        }
    }

    /** Also called by work dispatched off the IO thread, which this handler's try cannot reach. */
    static void fail(HttpServerExchange exchange, Throwable e) {
        LOG.log(Level.ERROR, "Request for " + exchange.getRequestURI() + " failed", e);
        if (exchange.isResponseStarted()) {
            IoUtils.safeClose(exchange.getConnection()); // the client has part of a response: only closing tells it
            return;
        }
        HeaderMap headers = exchange.getResponseHeaders();
        String deployment = headers.getFirst(SiteSelection.DEPLOYMENT);
        String edge = headers.getFirst(SiteSelection.EDGE);
        headers.clear();
        if (deployment != null) {
            headers.put(SiteSelection.DEPLOYMENT, deployment);
        }
        if (edge != null) {
            headers.put(SiteSelection.EDGE, edge);
        }
        try {
            Pages.send(exchange, Pages.Page.FAILED);
        } catch (RuntimeException sendFailed) { // e.g. the response channel was already taken
            IoUtils.safeClose(exchange.getConnection());
        }
    }
}
