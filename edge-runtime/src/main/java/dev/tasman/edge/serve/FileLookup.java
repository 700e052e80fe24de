package dev.tasman.edge.serve;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Finds the file a path names, by the manifest's map and never by the file system: {@code /} and
 * {@code /dir/} are their {@code index.html}, {@code /dir} falls back to {@code dir/index.html}, and with
 * {@code cleanUrls} {@code /about} is {@code about.html}. A path naming no file gets the SPA fallback
 * when the request accepts HTML (a browser loading an app route, not a script asking for a missing
 * chunk), else the deployment's {@code 404.html} with status 404, else the built-in page.
 */
final class FileLookup implements HttpHandler {

    private final HttpHandler next;

    FileLookup(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        SiteRequest request = SiteRequest.of(exchange);
        CompiledSite site = request.site;
        ServedFile file = request.target.startsWith(TasmanEndpoints.PREFIX) ? null : find(site, request.target);
        String fallback = site.rules().spaFallback();
        if (file == null && fallback != null && acceptsHtml(exchange)) {
            file = site.file("/" + fallback);
        }
        if (file == null) {
            file = site.file(CompiledSite.NOT_FOUND_PAGE);
            request.notFound = true;
        }
        if (file == null) {
            Pages.send(exchange, Pages.Page.NOT_FOUND);
            return;
        }
        request.file = file;
        next.handleRequest(exchange);
    }

    private static ServedFile find(CompiledSite site, String path) {
        boolean clean = site.rules().cleanUrls();
        if (path.endsWith("/")) {
            ServedFile index = site.file(path + "index.html");
            return index != null || !clean || path.length() == 1 ? index
                    : site.file(path.substring(0, path.length() - 1) + ".html");
        }
        ServedFile file = site.file(path);
        if (file == null && clean) {
            file = site.file(path + ".html");
        }
        return file != null ? file : site.file(path + "/index.html");
    }

    private static boolean acceptsHtml(HttpServerExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
