package dev.tasman.edge.telemetry;

import dev.tasman.edge.control.Backoff;
import java.net.URI;
import java.time.Duration;

/**
 * How an edge ships its request telemetry.
 *
 * @param url           the query side's base URL; batches go to {@code <url>/v1/telemetry/requests}
 * @param token         the edge's own token, as for the control plane; {@link #toString()} leaves it out
 * @param bufferBytes   the most the backlog on disk may hold; the oldest batches go first beyond it
 * @param interval      how often queued records are written to disk and shipped
 * @param queueCapacity records held in memory between two writes; beyond it a record is dropped (and counted)
 * @param retry         the wait between attempts while the query side is down or refuses the token
 * @param timeout       how long one POST may take before it counts as failed
 */
public record TelemetryOptions(String edgeId, URI url, String token, long bufferBytes, Duration interval,
        int queueCapacity, Backoff retry, Duration timeout) {

    public static final long DEFAULT_BUFFER_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public TelemetryOptions {
        if (bufferBytes <= 0 || interval.isNegative() || interval.isZero() || queueCapacity < 1) {
            throw new IllegalArgumentException("telemetry needs a positive buffer bound, interval and queue");
        }
    }

    /**
     * The defaults for everything the settings do not name: room for 50,000 records between two writes
     * (10,000 requests a second at a 5 s interval) and retries from 1 s up to a minute apart.
     */
    public static TelemetryOptions of(String edgeId, URI url, String token, long bufferBytes, Duration interval) {
        return new TelemetryOptions(edgeId, url, token, bufferBytes, interval, 50_000,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 1), Duration.ofSeconds(30));
    }

    public TelemetryOptions withQueueCapacity(int capacity) {
        return new TelemetryOptions(edgeId, url, token, bufferBytes, interval, capacity, retry, timeout);
    }

    public TelemetryOptions withInterval(Duration every) {
        return new TelemetryOptions(edgeId, url, token, bufferBytes, every, queueCapacity, retry, timeout);
    }

    public TelemetryOptions withBufferBytes(long bound) {
        return new TelemetryOptions(edgeId, url, token, bound, interval, queueCapacity, retry, timeout);
    }

    public TelemetryOptions withRetry(Backoff backoff) {
        return new TelemetryOptions(edgeId, url, token, bufferBytes, interval, queueCapacity, backoff, timeout);
    }

    @Override
    public String toString() {
        return "TelemetryOptions[edgeId=" + edgeId + ", url=" + url + ", bufferBytes=" + bufferBytes + ", interval="
                + interval + ", queueCapacity=" + queueCapacity + "]";
    }
}
