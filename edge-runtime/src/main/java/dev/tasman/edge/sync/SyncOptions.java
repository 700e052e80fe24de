package dev.tasman.edge.sync;

import dev.tasman.edge.control.Backoff;
import java.time.Duration;

/**
 * How an edge syncs (set from {@code EdgeSettings}; tests shorten the waits).
 *
 * @param edgeId          this edge, as named in required edges and status changes
 * @param edgeDomain      projects are served at {@code <name>.<edgeDomain>}
 * @param retain          deployments kept per project beyond the live one (at least {@link #MIN_RETAIN})
 * @param blobFetches     blob downloads at once, across all deployments
 * @param blobRetry       attempts per blob on network errors and 5xx, and the waits between them
 * @param failedSyncRetry the wait before a failed deployment is tried again (doubling per failure)
 * @param joinRetry       the wait before asking to become active again after a refusal
 */
public record SyncOptions(String edgeId, String edgeDomain, int retain, int blobFetches, Backoff blobRetry,
        Backoff failedSyncRetry, Backoff joinRetry) {

    public static final int MIN_RETAIN = 5;

    public SyncOptions {
        if (retain < MIN_RETAIN) {
            throw new IllegalArgumentException("retain must be at least " + MIN_RETAIN + ", not " + retain);
        }
        if (blobFetches < 1) {
            throw new IllegalArgumentException("blobFetches must be at least 1");
        }
    }

    public static SyncOptions defaults(String edgeId, String edgeDomain) {
        return new SyncOptions(edgeId, edgeDomain, MIN_RETAIN, 8,
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 5),
                new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), 1),
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 1));
    }

    public SyncOptions withRetain(int count) {
        return new SyncOptions(edgeId, edgeDomain, count, blobFetches, blobRetry, failedSyncRetry, joinRetry);
    }

    public SyncOptions withBlobFetches(int count) {
        return new SyncOptions(edgeId, edgeDomain, retain, count, blobRetry, failedSyncRetry, joinRetry);
    }

    public SyncOptions withWaits(Backoff blob, Backoff failedSync, Backoff join) {
        return new SyncOptions(edgeId, edgeDomain, retain, blobFetches, blob, failedSync, join);
    }
}
