package dev.tasman.edge.serve;

import dev.tasman.api.manifest.RoutingRules;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.HttpHandler;

/**
 * One URL per page: with {@code cleanUrls}, {@code /about.html} and {@code /dir/index.html} redirect to
 * {@code /about} and {@code /dir/}; with {@code trailingSlash} true or false, paths without a file
 * extension redirect to the slashed or unslashed form. Both are worked out together, so a visitor gets
 * one 308, never a chain. They look at the URL the visitor asked for, not where a rewrite sent it, and
 * a rewritten {@code .html} path is left alone: the rewrite says what that URL means.
 */
final class CanonicalUrls implements HttpHandler {

    private static final String HTML = ".html";
    private static final String INDEX = "index.html";

    private final HttpHandler next;

    CanonicalUrls(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        SiteRequest request = SiteRequest.of(exchange);
        String canonical = canonical(request);
        if (canonical.equals(request.path)) {
            next.handleRequest(exchange);
            return;
        }
        Locations.redirect(exchange, true, Locations.withQuery(canonical, exchange));
    }

    private static String canonical(SiteRequest request) {
        RoutingRules rules = request.site.rules();
        String path = request.path;
        if (rules.cleanUrls() && !request.rewritten && path.endsWith(HTML) && request.site.file(path) != null) {
            path = path.endsWith("/" + INDEX) ? path.substring(0, path.length() - INDEX.length())
                    : path.substring(0, path.length() - HTML.length());
        }
        if (Boolean.TRUE.equals(rules.trailingSlash()) && !path.endsWith("/")
                && path.indexOf('.', path.lastIndexOf('/')) < 0) {
            return path + "/";
        }
        if (Boolean.FALSE.equals(rules.trailingSlash())) {
            int end = path.length();
            while (end > 1 && path.charAt(end - 1) == '/') {
                end--;
            }
            return path.substring(0, end);
        }
        return path;
    }
}
