package dev.tasman.edge.serve;

import java.util.function.DoubleSupplier;

/**
 * The edge's Prometheus metrics, served at {@code /_tasman/metrics}. Placeholder API: the request
 * counters and latency histogram land with the serving handlers.
 */
public final class Metrics {

    /** A value read at scrape time, e.g. sync lag or cache bytes reported by the sync side. */
    public void gauge(String name, String help, DoubleSupplier value) {
        throw new UnsupportedOperationException("not built yet");
    }
}
