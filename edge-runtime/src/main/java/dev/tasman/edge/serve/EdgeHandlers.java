package dev.tasman.edge.serve;

import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.routing.Routing;
import io.undertow.server.HttpHandler;

/**
 * The edge's request handling as one Undertow handler chain, each handler doing one step and passing
 * the exchange on: the edge's own endpoints, then timing, failure pages, the deployment for the Host,
 * the method, the path, the manifest's rules in their order (redirects, headers, rewrites, canonical
 * URLs, files) and finally the file itself. See docs/decisions/0011-edge-serving.md.
 */
public final class EdgeHandlers {

    private EdgeHandlers() {
    }

    /** Every request an edge receives: {@code /_tasman/*} endpoints first, then sites by Host. */
    public static HttpHandler chain(Routing routing, BlobCache blobs, Metrics metrics, String edgeId) {
        return chain(routing, blobs, metrics, edgeId, RequestLog.NONE);
    }

    /**
     * The same, reporting every answered site request to {@code log}. The edge's own endpoints are not
     * reported: a load balancer's health checks and Prometheus scrapes are not a site's traffic.
     */
    public static HttpHandler chain(Routing routing, BlobCache blobs, Metrics metrics, String edgeId,
            RequestLog log) {
        BlobMemory memory = new BlobMemory(BlobMemory.DEFAULT_BUDGET);
        metrics.gauge("tasman_edge_memory_cache_bytes", "Bytes of small blobs held in memory for serving.",
                memory::bytes);
        HttpHandler files = new FileLookup(new FileResponse(new BlobBody(blobs, memory)));
        HttpHandler rules = new Redirects(new HeaderRules(new Rewrites(new CanonicalUrls(files))));
        HttpHandler site = new MethodCheck(new PathDecoding(rules));
        HttpHandler sites = new RequestTiming(metrics, log,
                new Failures(new SiteSelection(routing, new CompiledSites(), edgeId, site)));
        return new TasmanEndpoints(routing, metrics, sites);
    }
}
