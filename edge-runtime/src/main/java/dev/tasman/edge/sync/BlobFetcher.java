package dev.tasman.edge.sync;

import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.cache.CacheWriter;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.control.ControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Brings blobs into the cache from origin: only those it lacks, each at most once at a time however
 * many deployments wait for it, at most {@code concurrency} downloads at once across the edge. A
 * download that fails on the network or with a 5xx is retried with backoff; one whose bytes do not
 * hash to the blob's name is rejected at once (nothing kept).
 */
final class BlobFetcher {

    private final ControlPlane controlPlane;
    private final BlobCache cache;
    private final CacheWriter writer;
    private final Backoff retry;
    private final Executor executor;
    private final Semaphore downloads;
    private final Map<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();

    BlobFetcher(ControlPlane controlPlane, BlobCache cache, CacheWriter writer, int concurrency, Backoff retry,
            Executor executor) {
        this.controlPlane = controlPlane;
        this.cache = cache;
        this.writer = writer;
        this.retry = retry;
        this.executor = executor;
        this.downloads = new Semaphore(concurrency);
    }

    /**
     * Completes with true once the blob was downloaded, false when it was already held; exceptionally
     * with a {@link SyncFailed} when it could not be had.
     */
    CompletableFuture<Boolean> fetch(String sha256) {
        if (cache.has(sha256)) {
            return CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(sha256, mine);
        if (running != null) {
            return running;
        }
        executor.execute(() -> {
            try {
                boolean downloaded = !cache.has(sha256) && download(sha256);
                inFlight.remove(sha256, mine);
                mine.complete(downloaded);
            } catch (Throwable failure) {
                inFlight.remove(sha256, mine);
                mine.completeExceptionally(failure);
            }
        });
        return mine;
    }

    private boolean download(String sha256) throws SyncFailed, InterruptedException {
        downloads.acquire();
        try {
            return retry.retry("blob " + sha256, () -> {
                try (InputStream body = controlPlane.blob(sha256)) {
                    writer.write(sha256, body);
                    return true;
                } catch (ControlPlane.Refused e) {
                    throw SyncFailed.refused("origin refused blob " + sha256 + " (" + e.getMessage() + ")");
                } catch (CacheWriter.Mismatch e) {
                    throw SyncFailed.rejected(e.getMessage() + ": tampered or corrupted on the way; not kept");
                }
            });
        } catch (IOException e) {
            throw SyncFailed.unavailable("blob " + sha256 + " could not be fetched in " + retry.attempts()
                    + " attempts (" + ControlPlane.describe(e) + ")");
        } finally {
            downloads.release();
        }
    }
}
