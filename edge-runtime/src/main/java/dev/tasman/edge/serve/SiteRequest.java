package dev.tasman.edge.serve;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * What the site handlers have worked out about one request, passed down the chain on the exchange.
 * Each handler fills in its part; the deployment is fixed by {@link SiteSelection} and never changes.
 */
final class SiteRequest {

    private static final AttachmentKey<SiteRequest> KEY = AttachmentKey.create(SiteRequest.class);

    final CompiledSite site;
    /** The decoded request path ({@link PathDecoding}): what redirects, header rules and rewrites match. */
    String path;
    /** The path files are looked up by: {@link #path}, or where a rewrite sent it. */
    String target;
    boolean rewritten;
    /** The file to send ({@link FileLookup}). */
    ServedFile file;
    /** The file is the deployment's 404 page: send it with 404, without conditionals or ranges. */
    boolean notFound;

    private SiteRequest(CompiledSite site) {
        this.site = site;
    }

    static SiteRequest start(HttpServerExchange exchange, CompiledSite site) {
        SiteRequest request = new SiteRequest(site);
        exchange.putAttachment(KEY, request);
        return request;
    }

    static SiteRequest of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }
}
