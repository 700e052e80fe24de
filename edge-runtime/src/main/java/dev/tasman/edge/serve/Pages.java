package dev.tasman.edge.serve;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The edge's own answers: small HTML pages for visitors of sites, JSON for {@code /_tasman/*}. They say
 * what happened and what to try next, and never name a project, deployment, edge or file on disk:
 * anyone on the internet can read them. Rendered once, sent as read-only views of the same bytes.
 */
final class Pages {

    enum Page {
        NO_SITE(404, "There is no site at this address",
                "Check the address for typing mistakes. If this is your domain, add it to your project and "
                        + "make sure the project has a live deployment."),
        NOT_FOUND(404, "This page could not be found",
                "The site has no page at this address. Check the address, or start again from the "
                        + "<a href=\"/\">home page</a>."),
        BAD_PATH(400, "This address is not valid",
                "Its path contains a '..' segment, a backslash or an encoding that is not UTF-8. "
                        + "Remove it and try again."),
        NOT_ALLOWED(405, "This address only answers GET and HEAD requests",
                "A static site can be read, not written to. Send a GET or HEAD request."),
        STARTING(503, "This server is starting",
                "It is still loading the sites it serves. Try again in a few seconds."),
        FAILED(500, "Something went wrong on our side",
                "The request could not be answered. Try again; if it keeps happening, tell the site's owner.");

        final int status;
        private final ByteBuffer html;

        Page(int status, String title, String text) {
            this.status = status;
            String page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                    + "<title>" + title + "</title><style>body{font:16px/1.5 system-ui,sans-serif;color:#222;"
                    + "max-width:34rem;margin:18vh auto;padding:0 1.5rem}h1{font-size:1.4rem}</style>"
                    + "<h1>" + title + "</h1><p>" + text + "</p><p style=\"color:#777\">" + status + "</p></html>\n";
            this.html = bytes(page);
        }
    }

    private Pages() {
    }

    static void send(HttpServerExchange exchange, Page page) {
        exchange.setStatusCode(page.status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(page.html.duplicate());
    }

    /** A {@code /_tasman/*} answer; never cached, since it describes this moment. */
    static void body(HttpServerExchange exchange, int status, String contentType, String body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType).put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
    }

    /** An {@code application/problem+json} body, as the control plane answers errors (decision 0003). */
    static void problem(HttpServerExchange exchange, int status, String title, String detail) {
        body(exchange, status, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    private static ByteBuffer bytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }
}
