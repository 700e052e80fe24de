package dev.tasman.edge;

import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.feed.FeedClient;
import dev.tasman.edge.routing.Routing;
import dev.tasman.edge.serve.EdgeHandlers;
import dev.tasman.edge.serve.Metrics;
import dev.tasman.edge.serve.RequestLog;
import dev.tasman.edge.sync.EdgeSync;
import dev.tasman.edge.sync.SyncOptions;
import dev.tasman.edge.telemetry.Telemetry;
import dev.tasman.edge.telemetry.TelemetryOptions;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;

/**
 * One running edge: routing loaded from disk and swapped in first, then telemetry (when a URL is set)
 * and the HTTP server, then the sync and the feed. {@link #stop} undoes it in reverse.
 */
final class Edge {

    private static final System.Logger log = System.getLogger(Edge.class.getName());
    private static final Backoff CALLS = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 4);
    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5), 1);

    private final FileChannel lockFile;
    private final EdgeSync sync;
    private final Undertow server;
    private final FeedClient feed;
    private final Telemetry telemetry;
    private final String url;

    private Edge(FileChannel lockFile, EdgeSync sync, Undertow server, FeedClient feed, Telemetry telemetry,
            String url) {
        this.lockFile = lockFile;
        this.sync = sync;
        this.server = server;
        this.feed = feed;
        this.telemetry = telemetry;
        this.url = url;
    }

    /** @throws CannotStart with one sentence for the operator */
    static Edge start(EdgeSettings settings) throws CannotStart {
        FileChannel lockFile = lock(settings);
        EdgeSync sync = null;
        Telemetry telemetry = null;
        try {
            BlobCache cache = new BlobCache(settings.data().resolve("blobs"));
            Routing routing = new Routing();
            ControlPlane controlPlane = new ControlPlane(settings.controlPlane(), settings.token(), settings.id(),
                    CALLS);
            sync = EdgeSync.open(settings.data(), cache, routing, controlPlane, settings.publicKey(),
                    SyncOptions.defaults(settings.id(), settings.domain()).withRetain(settings.retain())
                            .withBlobFetches(settings.blobFetches()));
            Metrics metrics = new Metrics();
            metrics.gauge("tasman_edge_feed_position", "Feed position applied and stored", sync::feedPosition);
            metrics.gauge("tasman_edge_sync_lag_seconds", "Seconds behind the feed (0 when caught up)",
                    sync::syncLagSeconds);
            metrics.gauge("tasman_edge_cache_bytes", "Bytes of blobs in the cache", sync::cacheBytes);
            metrics.gauge("tasman_edge_deployments_held", "Deployments held complete and verified",
                    sync::deploymentsHeld);
            telemetry = telemetry(settings, metrics);
            Undertow server = Undertow.builder().addHttpListener(settings.port(), settings.bind())
                    .setHandler(EdgeHandlers.chain(routing, cache, metrics, settings.id(),
                            telemetry == null ? RequestLog.NONE : telemetry)).build();
            try {
                server.start();
            } catch (RuntimeException e) {
                throw new CannotStart("cannot listen on " + settings.urlHost() + ":" + settings.port() + " ("
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                        + "); choose another --port or --bind");
            }
            int port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
            sync.start();
            FeedClient feed = new FeedClient(controlPlane, sync, settings.heartbeatTimeout(), RECONNECT);
            feed.start();
            log.log(System.Logger.Level.INFO, () -> "Edge " + settings.id() + " (" + settings.region() + ") serving on"
                    + " port " + port + "; control plane " + controlPlane + "; data " + settings.data());
            return new Edge(lockFile, sync, server, feed, telemetry, "http://" + settings.urlHost() + ":" + port);
        } catch (IOException e) {
            closeQuietly(sync, telemetry, lockFile);
            throw new CannotStart("cannot start from " + settings.data() + ": " + e.getMessage());
        } catch (CannotStart | RuntimeException e) {
            closeQuietly(sync, telemetry, lockFile);
            throw e;
        }
    }

    /** Request telemetry to the query side, or null (one line says so) when no URL is set. */
    private static Telemetry telemetry(EdgeSettings settings, Metrics metrics) throws IOException {
        if (settings.telemetryUrl() == null) {
            log.log(System.Logger.Level.INFO, "Telemetry off: no --telemetry-url given; requests are counted in"
                    + " /_tasman/metrics only");
            return null;
        }
        Telemetry telemetry = Telemetry.start(settings.data().resolve("telemetry"), TelemetryOptions.of(
                settings.id(), settings.telemetryUrl(), settings.token(), settings.telemetryBufferBytes(),
                settings.telemetryInterval()), Clock.systemUTC());
        telemetry.publish(metrics);
        return telemetry;
    }

    String url() {
        return url;
    }

    void stop() {
        log.log(System.Logger.Level.INFO, "Stopping: feed, sync, server, telemetry");
        feed.close();
        sync.close();
        server.stop();
        closeQuietly(null, telemetry, lockFile);
    }

    /** One edge per data directory: two would race on state.json and sweep each other's blobs. */
    private static FileChannel lock(EdgeSettings settings) throws CannotStart {
        try {
            Files.createDirectories(settings.data());
            FileChannel channel = FileChannel.open(settings.data().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new CannotStart("the data directory " + settings.data() + " is in use by another edge; give each"
                        + " edge its own --data");
            }
            return channel;
        } catch (IOException e) {
            throw new CannotStart("cannot use the data directory " + settings.data() + " (" + e.getMessage() + ")");
        }
    }

    private static void closeQuietly(EdgeSync sync, Telemetry telemetry, FileChannel lockFile) {
        if (sync != null) {
            sync.close();
        }
        if (telemetry != null) {
            telemetry.close(); // what is queued goes to disk, to be shipped after the next start
        }
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    /** The edge cannot start for a reason outside its settings' shape (a port in use, an unreadable directory). */
    static final class CannotStart extends Exception {

        CannotStart(String message) {
            super(message);
        }
    }
}
