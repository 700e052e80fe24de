package dev.tasman.edge.serve;

import dev.tasman.edge.routing.Routing;
import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.routing.Site;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Optional;

/**
 * Picks the deployment that answers a request, from one read of the routing table: a cutover swaps the
 * table, and a request must see the old one or the new one, never a mix (decision 0011).
 *
 * <p>Host → project → its live deployment, unless the request is pinned to another deployment of the
 * same project that this edge still holds (skew protection): by the {@code x-tasman-deployment} header,
 * or by the cookie HTML responses set, so a page's later asset and fetch requests reach the
 * deployment that rendered it. Top-level navigations ignore the cookie, so the next page load reaches
 * the new version.
 */
final class SiteSelection implements HttpHandler {

    static final HttpString DEPLOYMENT = new HttpString("x-tasman-deployment");
    static final HttpString EDGE = new HttpString("x-tasman-edge");
    static final String PIN_COOKIE = "__tasman_dpl";
    private static final HttpString SEC_FETCH_MODE = new HttpString("Sec-Fetch-Mode");
    private static final HttpString SEC_FETCH_DEST = new HttpString("Sec-Fetch-Dest");

    private final Routing routing;
    private final CompiledSites compiled;
    private final String edgeId;
    private final HttpHandler next;

    SiteSelection(Routing routing, CompiledSites compiled, String edgeId, HttpHandler next) {
        this.routing = routing;
        this.compiled = compiled;
        this.edgeId = edgeId;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        Optional<RoutingTable> current = routing.current();
        if (current.isEmpty()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            Pages.send(exchange, Pages.Page.STARTING);
            return;
        }
        RoutingTable table = current.get();
        HeaderMap headers = exchange.getRequestHeaders();
        String project = table.projectFor(headers.getFirst(Headers.HOST)).orElse(null);
        String liveId = project == null ? null : table.live().get(project);
        Site live = liveId == null ? null : table.sites().get(liveId);
        if (live == null) {
            Pages.send(exchange, Pages.Page.NO_SITE); // the same page whatever is missing: it reveals nothing
            return;
        }
        Site site = pinned(headers, table, live);
        SiteRequest.start(exchange, compiled.of(site, table));
        exchange.getResponseHeaders().put(DEPLOYMENT, site.deploymentId()).put(EDGE, edgeId);
        next.handleRequest(exchange);
    }

    /** The pinned deployment when it is held here and belongs to the same project (never another tenant's), else live. */
    private static Site pinned(HeaderMap headers, RoutingTable table, Site live) {
        String pin = headers.getFirst(DEPLOYMENT);
        if (pin == null && !navigation(headers)) {
            pin = cookie(headers.get(Headers.COOKIE));
        }
        if (pin == null || pin.equals(live.deploymentId())) {
            return live;
        }
        Site pinned = table.sites().get(pin);
        return pinned != null && live.projectId().equals(pinned.projectId()) ? pinned : live;
    }

    private static boolean navigation(HeaderMap headers) {
        return "navigate".equalsIgnoreCase(headers.getFirst(SEC_FETCH_MODE))
                || "document".equalsIgnoreCase(headers.getFirst(SEC_FETCH_DEST));
    }

    /** The pin cookie's value, read in place: Undertow's parser would build a map of every cookie. */
    private static String cookie(HeaderValues values) {
        if (values == null) {
            return null;
        }
        for (int v = 0; v < values.size(); v++) {
            String header = values.get(v);
            for (int at = header.indexOf(PIN_COOKIE); at >= 0; at = header.indexOf(PIN_COOKIE, at + 1)) {
                int equals = at + PIN_COOKIE.length();
                boolean starts = at == 0 || header.charAt(at - 1) == ' ' || header.charAt(at - 1) == ';';
                if (starts && equals < header.length() && header.charAt(equals) == '=') {
                    int end = header.indexOf(';', equals);
                    String value = header.substring(equals + 1, end < 0 ? header.length() : end).strip();
                    return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
        }
        return null;
    }
}
