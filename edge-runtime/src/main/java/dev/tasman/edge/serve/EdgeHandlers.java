package dev.tasman.edge.serve;

import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.routing.Routing;
import io.undertow.server.HttpHandler;

/** The edge's request handling, one Undertow handler chain. Placeholder: lands with the serving handlers. */
public final class EdgeHandlers {

    private EdgeHandlers() {
    }

    /** Every request an edge receives: {@code /_tasman/*} endpoints first, then sites by Host. */
    public static HttpHandler chain(Routing routing, BlobCache blobs, Metrics metrics, String edgeId) {
        throw new UnsupportedOperationException("not built yet");
    }
}
