package dev.tasman.edge.sync;

import dev.tasman.api.feed.DeploymentPropagating;
import dev.tasman.api.feed.DeploymentWithdrawn;
import dev.tasman.api.feed.DomainAttached;
import dev.tasman.api.feed.DomainDetached;
import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.api.feed.EdgeHoldings;
import dev.tasman.api.feed.EdgeStatusChanged;
import dev.tasman.api.feed.EdgeSyncFailure;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.api.feed.ProjectAnnounced;
import dev.tasman.api.feed.RoutingSwitched;
import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.cache.CacheWriter;
import dev.tasman.edge.cache.ManifestStore;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.control.ControlPlane.Reply;
import dev.tasman.edge.feed.FeedListener;
import dev.tasman.edge.routing.Routing;
import dev.tasman.edge.routing.Site;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The edge's side of propagation: applies the feed to its {@link EdgeState}, fetches what it must
 * hold (on its own threads, never the feed's), acknowledges, switches routing in one swap once a
 * deployment is held, evicts beyond retention, and asks to become active once it holds everything.
 * Every change is written to {@code <data>/state.json} before the control plane hears of it; on
 * start, {@link #open} serves what that file and the manifests on disk describe, with no network.
 *
 * <p>One lock (this object) guards the state; network and disk work for a deployment run outside it.
 * The class is larger than the others on purpose: every step here reads and changes the same state
 * under that lock, and splitting it would hand the lock around. What needs no state lives beside it:
 * {@link DeploymentFetch}, {@link Retention}, {@link RoutingTables}, {@link Restore}, {@link Reporter}.
 */
public final class EdgeSync implements FeedListener, AutoCloseable {

    private static final System.Logger log = System.getLogger(EdgeSync.class.getName());
    /** While reading a backlog, state.json is written every this many events (and at head), not after each. */
    private static final int BACKLOG_SAVE_EVERY = 256;
    /** Deployments fetched at once; the rest queue (and are skipped if superseded before their turn). */
    private static final int CONCURRENT_DEPLOYMENTS = 2;
    private static final String ACTIVE = "ACTIVE";
    private static final String DRAINED = "DRAINED";
    private static final String JOINING = "JOINING";

    private final SyncOptions options;
    private final Routing routing;
    private final BlobCache cache;
    private final CacheWriter writer;
    private final ManifestStore manifests;
    private final StateFile stateFile;
    private final DeploymentFetch fetch;
    private final Reporter reporter;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("edge-sync-", 0).factory());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("edge-sync-timer").factory());
    private final Semaphore deploymentSlots = new Semaphore(CONCURRENT_DEPLOYMENTS, true);

    // Guarded by this.
    private final EdgeState state;
    private final Map<String, Site> sites = new HashMap<>();
    private final Map<String, Running> syncing = new HashMap<>();
    private final Set<String> queued = new HashSet<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Set<String> acknowledging = new HashSet<>();
    private boolean atHead;
    private boolean closed;
    private int unsaved;
    private boolean holdingsOwed;
    private boolean joining;
    private int joinFailures;
    private ScheduledFuture<?> joinRetry;

    // Mirrors for the gauges, read without the lock.
    private volatile long position;
    private volatile Instant lastEventAt;
    private volatile boolean caughtUp;
    private volatile int heldCount;

    private EdgeSync(Path data, BlobCache cache, Routing routing, ControlPlane controlPlane, PublicKey key,
            SyncOptions options) throws IOException {
        this.options = options;
        this.routing = routing;
        this.cache = cache;
        this.writer = new CacheWriter(cache);
        this.manifests = new ManifestStore(data.resolve("manifests"));
        this.stateFile = new StateFile(data.resolve("state.json"));
        BlobFetcher blobs = new BlobFetcher(controlPlane, cache, writer, options.blobFetches(), options.blobRetry(),
                workers);
        this.reporter = new Reporter(controlPlane);
        this.fetch = new DeploymentFetch(controlPlane, new ManifestVerifier(key), blobs, manifests, reporter::progress);
        this.state = stateFile.load().orElseGet(EdgeState::new);
    }

    /**
     * Loads {@code <data>/state.json} and the manifests it names and swaps the routing table they
     * describe into {@code routing}: the edge serves its last known routing before it talks to anyone.
     */
    public static EdgeSync open(Path data, BlobCache cache, Routing routing, ControlPlane controlPlane,
            PublicKey controlPlaneKey, SyncOptions options) throws IOException {
        EdgeSync sync = new EdgeSync(data, cache, routing, controlPlane, controlPlaneKey, options);
        synchronized (sync) {
            try {
                sync.sites.putAll(Restore.heldSites(sync.state, sync.manifests, cache));
            } catch (IOException | RuntimeException e) {
                sync.close();
                throw e;
            }
            info(() -> "Loaded " + sync.sites.size() + " held deployments and " + sync.state.projects.size()
                    + " projects at feed position " + sync.state.position + " from " + sync.stateFile.path());
            sync.publish();
            sync.mirror();
        }
        return sync;
    }

    /** Resumes what the stored state still wants fetched. Call once, after {@link #open}. */
    public synchronized void start() {
        List.copyOf(state.wanted.keySet()).forEach(this::schedule);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            syncing.values().forEach(Running::cancel);
            failures.values().forEach(Failure::cancel);
            save(true);
        }
        timers.shutdownNow();
        workers.shutdownNow();
        reporter.close();
    }

    // ---- gauges

    public long feedPosition() {
        return position;
    }

    /** Seconds since the last applied event was recorded, while behind the feed; 0 once caught up. */
    public double syncLagSeconds() {
        Instant last = lastEventAt;
        return caughtUp || last == null ? 0 : Math.max(0, Duration.between(last, Instant.now()).toMillis() / 1000.0);
    }

    public long cacheBytes() {
        return writer.bytes();
    }

    public int deploymentsHeld() {
        return heldCount;
    }

    // ---- the feed

    @Override
    public long position() {
        return position;
    }

    @Override
    public synchronized void apply(FeedEvent event) {
        if (closed || event.position() <= state.position) {
            return; // already applied: a reconnect overlaps what was read before
        }
        boolean routingChanged = switch (event.payload()) {
            case null -> false;
            case ProjectAnnounced announced -> announced(announced);
            case DomainAttached attached -> domain(attached.projectId(), attached.domain(), true);
            case DomainDetached detached -> domain(detached.projectId(), detached.domain(), false);
            case DeploymentPropagating propagating -> propagating(propagating, event.position());
            case DeploymentWithdrawn withdrawn -> withdrawn(withdrawn);
            case RoutingSwitched switched -> switched(switched, event.position());
            case EdgeStatusChanged changed -> statusChanged(changed);
        };
        state.position = event.position();
        state.lastEventAt = event.timestamp();
        if (routingChanged) {
            publish();
        }
        save(false);
        mirror();
    }

    @Override
    public synchronized void caughtUp(FeedHead head) {
        if (closed) {
            return;
        }
        state.position = Math.max(state.position, head.position());
        atHead = true;
        save(true);
        mirror();
        if (holdingsOwed) {
            reportHoldings();
        }
        state.held.values().stream().filter(Holding::acknowledgementOwed).toList().forEach(this::acknowledge);
        // Deployments that failed for want of a network get their next attempt now that there is one.
        for (String id : List.copyOf(state.wanted.keySet())) {
            Failure failure = failures.get(id);
            if (failure == null || failure.kind == SyncFailed.Kind.UNAVAILABLE) {
                if (failure != null) {
                    failure.cancel();
                }
                schedule(id);
            }
        }
        tryJoin();
    }

    @Override
    public synchronized void disconnected() {
        atHead = false;
        save(true); // so the reconnect's position is the durably applied one
        mirror();
    }

    private boolean announced(ProjectAnnounced announced) {
        if (announced.projectId() == null) {
            return false;
        }
        state.update(announced.projectId(), project -> project.withName(announced.name()));
        return true;
    }

    private boolean domain(String projectId, String domain, boolean attached) {
        if (projectId == null || domain == null) {
            return false;
        }
        String host = domain.toLowerCase(Locale.ROOT);
        if (attached) { // a domain belongs to one project: moving it detaches it elsewhere
            List.copyOf(state.projects.keySet()).forEach(other -> state.update(other, p -> p.withDomain(host, false)));
        }
        state.update(projectId, project -> project.withDomain(host, attached));
        return true;
    }

    private boolean propagating(DeploymentPropagating propagating, long at) {
        String id = propagating.deploymentId();
        if (!valid(id, propagating.projectId(), propagating)) {
            return false;
        }
        boolean required = propagating.requiredEdges() != null
                && propagating.requiredEdges().contains(options.edgeId());
        int historyLimit = Math.max(Project.HISTORY, options.retain() * 2);
        state.update(propagating.projectId(), project -> project.propagated(
                new Project.Propagation(id, propagating.manifestDigest(), at), historyLimit));
        Holding held = state.held.get(id);
        if (held != null && held.manifestDigest().equals(propagating.manifestDigest())) {
            if (required) { // propagated again (e.g. after a drain): the control plane needs a fresh acknowledgement
                Holding owed = new Holding(id, held.projectId(), held.manifestDigest(), true);
                state.held.put(id, owed);
                acknowledge(owed);
            }
        } else {
            state.wanted.put(id, new Wanted(id, propagating.projectId(), propagating.manifestDigest(), required));
            schedule(id);
        }
        return retain();
    }

    private boolean withdrawn(DeploymentWithdrawn withdrawn) {
        String id = withdrawn.deploymentId();
        if (!valid(id, withdrawn.projectId(), withdrawn)) {
            return false;
        }
        boolean wasWanted = state.wanted.remove(id) != null;
        Optional.ofNullable(syncing.get(id)).ifPresent(Running::cancel);
        Optional.ofNullable(failures.remove(id)).ifPresent(Failure::cancel);
        state.update(withdrawn.projectId(), project -> project.withdrawn(id));
        if (wasWanted) {
            info(() -> "Deployment " + id + " was withdrawn (" + withdrawn.reason() + "): no longer fetching it");
        }
        return retain();
    }

    private boolean switched(RoutingSwitched switched, long at) {
        String id = switched.deploymentId();
        String projectId = switched.projectId();
        if (!valid(id, projectId, switched)) {
            return false;
        }
        if (state.held.containsKey(id)) {
            state.update(projectId, project -> project.live(id).switchedAt(at));
            info(() -> "Routing of project " + projectId + " switched to " + id + " (" + switched.reason() + ")");
            retain();
            return true;
        }
        state.update(projectId, project -> project.pending(id, at));
        if (!state.wanted.containsKey(id)) {
            Project.Propagation known = state.project(projectId).propagated(id);
            state.wanted.put(id, new Wanted(id, projectId, known == null ? null : known.manifestDigest(), false));
        }
        schedule(id);
        info(() -> "Routing of project " + projectId + " switches to " + id + " (" + switched.reason()
                + ") once this edge holds it");
        return retain();
    }

    private boolean statusChanged(EdgeStatusChanged changed) {
        if (!options.edgeId().equals(changed.edgeId())) {
            return false;
        }
        state.edgeStatus = changed.state();
        info(() -> "The control plane reports this edge " + changed.state());
        if (JOINING.equals(changed.state())) {
            cancelJoinRetry();
            joinFailures = 0;
            tryJoin();
        }
        return false;
    }

    private static boolean valid(String deploymentId, String projectId, Object event) {
        if (ManifestStore.isDeploymentId(deploymentId) && projectId != null) {
            return true;
        }
        log.log(System.Logger.Level.WARNING, () -> "Skipping a feed event with an unusable deployment or project id: "
                + event);
        return false;
    }

    // ---- fetching

    private void schedule(String id) {
        if (closed || queued.contains(id) || syncing.containsKey(id)) {
            return;
        }
        queued.add(id);
        workers.execute(() -> sync(id));
    }

    /** On a worker thread: takes one deployment in, at most {@link #CONCURRENT_DEPLOYMENTS} at a time. */
    private void sync(String id) {
        try {
            deploymentSlots.acquire();
        } catch (InterruptedException stopping) {
            return;
        }
        try {
            Wanted wanted;
            Running running = new Running(Thread.currentThread());
            synchronized (this) {
                queued.remove(id);
                wanted = state.wanted.get(id);
                if (closed || wanted == null || syncing.containsKey(id)) {
                    return; // withdrawn, superseded or already held while it waited its turn
                }
                syncing.put(id, running);
            }
            long started = System.nanoTime();
            try {
                completed(id, running, fetch.fetch(wanted, blobs -> protect(running, blobs)), started);
            } catch (SyncFailed e) {
                failed(id, running, e);
            } catch (InterruptedException e) {
                stopped(id, running);
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.ERROR, "Unexpected failure while fetching " + id, e);
                failed(id, running, SyncFailed.unavailable("unexpected: " + e));
            }
        } finally {
            deploymentSlots.release();
        }
    }

    /** Under the lock, so that a sweep running now finishes first and any later one spares these blobs. */
    private synchronized void protect(Running running, Set<String> blobs) {
        running.blobs = blobs;
    }

    private synchronized void completed(String id, Running running, DeploymentFetch.Fetched fetched, long started) {
        syncing.remove(id);
        Wanted wanted = state.wanted.get(id);
        if (closed) {
            return;
        }
        if (wanted == null || running.cancelled) {
            stopped(id, running);
            return;
        }
        if (!fetched.blobs().stream().allMatch(cache::has)) {
            failed(id, running, SyncFailed.unavailable("a blob of " + id + " left the cache before it was held"));
            return;
        }
        state.wanted.remove(id);
        Optional.ofNullable(failures.remove(id)).ifPresent(Failure::cancel);
        state.held.put(id, new Holding(id, wanted.projectId(), fetched.site().manifestDigest(), wanted.required()));
        sites.put(id, fetched.site());
        boolean goesLive = id.equals(state.project(wanted.projectId()).switchTo());
        if (goesLive) {
            state.update(wanted.projectId(), project -> project.live(id));
        }
        retain();
        save(true);
        publish();
        mirror();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        info(() -> "Holding " + id + " of project " + wanted.projectId() + ": " + fetched.site().files().size()
                + " files, " + fetched.downloaded() + " of " + fetched.blobs().size() + " blobs fetched, " + millis
                + " ms" + (goesLive ? "; its project is now served by it" : ""));
        reportHoldings();
        Holding holding = state.held.get(id);
        if (holding != null && holding.acknowledgementOwed()) {
            acknowledge(holding);
        }
        cancelJoinRetry(); // holding more may be exactly what the control plane was waiting for
        tryJoin();
    }

    private synchronized void failed(String id, Running running, SyncFailed failure) {
        syncing.remove(id);
        if (closed) {
            return;
        }
        if (!state.wanted.containsKey(id) || running.cancelled) {
            stopped(id, running);
            return;
        }
        Failure previous = failures.get(id);
        if (previous != null) {
            previous.cancel();
        }
        int count = previous == null ? 1 : previous.count + 1;
        Duration wait = options.failedSyncRetry().jittered(count);
        Failure next = new Failure(failure.kind(), count);
        failures.put(id, next);
        next.timer = timers.schedule(() -> retry(id, next), wait.toMillis(), TimeUnit.MILLISECONDS);
        log.log(System.Logger.Level.WARNING, () -> "Could not take in " + id + ": " + failure.getMessage()
                + "; not acknowledging it; next attempt in " + seconds(wait));
        if (failure.reportable() && reported.add(id + " " + failure.getMessage())) {
            reporter.failure(new EdgeSyncFailure(id, failure.getMessage()));
        }
    }

    private synchronized void retry(String id, Failure failure) {
        failure.timer = null;
        if (failures.get(id) == failure) {
            schedule(id);
        }
    }

    private synchronized void stopped(String id, Running running) {
        syncing.remove(id);
        if (!state.held.containsKey(id)) {
            deleteManifest(id);
        }
        if (running.cancelled && !closed) {
            info(() -> "Stopped fetching " + id + ": it was withdrawn");
        }
    }

    // ---- retention

    /**
     * Drops wanted deployments that were superseded and evicts held ones beyond retention, then the
     * blobs no remaining deployment names. Returns whether the held set changed (routing must be published).
     */
    private boolean retain() {
        Set<String> keep = Retention.keep(state, options.retain());
        keep.addAll(syncing.keySet()); // never evict what is being fetched
        // An acknowledgement still owed is a promise to hold it: kept until the control plane took it.
        state.held.values().stream().filter(Holding::acknowledgementOwed).forEach(h -> keep.add(h.deploymentId()));
        for (String id : List.copyOf(state.wanted.keySet())) {
            if (!keep.contains(id)) {
                state.wanted.remove(id);
                Optional.ofNullable(failures.remove(id)).ifPresent(Failure::cancel);
                info(() -> "Not fetching " + id + ": superseded by newer deployments of its project");
            }
        }
        List<String> evicted = state.held.keySet().stream().filter(id -> !keep.contains(id)).toList();
        if (evicted.isEmpty()) {
            return false;
        }
        evicted.forEach(id -> {
            state.held.remove(id);
            sites.remove(id);
        });
        save(true);
        publish(); // requests stop reaching the evicted deployments before their files go
        mirror();
        info(() -> "Evicting " + evicted + ": beyond the live and newest " + options.retain()
                + " deployments of their projects");
        // The control plane hears of the smaller set before any file goes, so that it stops counting
        // them as rollback targets on this edge first (decision 0010).
        reportHoldings().whenComplete((sent, error) -> deleteEvicted(evicted));
        return true;
    }

    /** Deletes the evicted deployments' manifests and every blob no held or arriving deployment names. */
    private synchronized void deleteEvicted(List<String> evicted) {
        if (closed) {
            return; // the next start removes manifests state.json does not name; the next eviction, the blobs
        }
        evicted.stream().filter(id -> !state.held.containsKey(id) && !syncing.containsKey(id))
                .forEach(this::deleteManifest);
        Set<String> referenced = new HashSet<>();
        sites.values().forEach(site -> referenced.addAll(ManifestVerifier.blobs(site.files().values())));
        syncing.values().stream().filter(r -> r.blobs != null).forEach(r -> referenced.addAll(r.blobs));
        try {
            writer.sweep(referenced);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, () -> "Could not remove unneeded blobs: " + e.getMessage());
        }
    }

    // ---- talking back

    private EdgeHoldings holdings() {
        return new EdgeHoldings(state.held.values().stream()
                .map(h -> new EdgeHoldings.Held(h.deploymentId(), h.manifestDigest())).toList());
    }

    /** Completes once the report was sent or given up on (it is then owed, and sent at the next head). */
    private CompletableFuture<Boolean> reportHoldings() {
        holdingsOwed = false;
        return reporter.holdings(holdings()).whenComplete((sent, error) -> {
            if (!Boolean.TRUE.equals(sent)) {
                synchronized (this) {
                    holdingsOwed = true;
                }
            }
        });
    }

    private void acknowledge(Holding holding) {
        String id = holding.deploymentId();
        if (!acknowledging.add(id)) {
            return;
        }
        reporter.acknowledge(new EdgeAcknowledgement(id, holding.manifestDigest()))
                .whenComplete((reply, error) -> acknowledged(id, reply));
    }

    /** Accepted or refused (4xx), the acknowledgement is settled; unreachable, it is sent again at the next head. */
    private synchronized void acknowledged(String id, Reply reply) {
        acknowledging.remove(id);
        Holding holding = state.held.get(id);
        if (reply == null || holding == null || closed) {
            return;
        }
        state.held.put(id, holding.acknowledged());
        save(true);
        retain(); // it may have been kept only for this acknowledgement
    }

    /**
     * Once caught up and holding every live and in-flight deployment: report holdings, then ask to
     * become active. Not while active or drained (the feed says when that changes), not twice at once,
     * and after a refusal only after a backoff or the next change that could matter.
     */
    private void tryJoin() {
        if (closed || !atHead || joining || joinRetry != null || ACTIVE.equals(state.edgeStatus)
                || DRAINED.equals(state.edgeStatus)) {
            return;
        }
        Set<String> missing = Retention.missing(state, options.retain());
        if (!missing.isEmpty()) {
            log.log(System.Logger.Level.DEBUG, () -> "Not asking to become active yet: still fetching " + missing);
            return;
        }
        joining = true;
        reporter.join(holdings()).whenComplete(this::joined);
    }

    private synchronized void joined(Reply reply, Throwable error) {
        joining = false;
        if (closed) {
            return;
        }
        if (reply != null && reply.accepted()) {
            state.edgeStatus = ACTIVE;
            joinFailures = 0;
            save(true);
            info(() -> "The control plane took this edge as ready: " + options.edgeId() + " is active");
            return;
        }
        String why = reply != null ? reply.status() + ": " + reply.detail()
                : error != null ? ControlPlane.describe(error) : "the control plane was unreachable";
        Duration wait = options.joinRetry().jittered(++joinFailures);
        log.log(System.Logger.Level.WARNING, () -> "The control plane did not take this edge as ready (" + why
                + "); asking again in " + seconds(wait) + ", or sooner if the feed reports it joining");
        joinRetry = timers.schedule(() -> {
            synchronized (this) {
                joinRetry = null;
                tryJoin();
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelJoinRetry() {
        if (joinRetry != null) {
            joinRetry.cancel(false);
            joinRetry = null;
        }
    }

    // ---- disk and routing

    private void deleteManifest(String id) {
        try {
            manifests.delete(id);
        } catch (IOException e) {
            log.log(System.Logger.Level.WARNING, () -> "Could not delete the manifest of " + id + ": "
                    + e.getMessage());
        }
    }

    private void publish() {
        routing.swap(RoutingTables.of(state, sites, options.edgeDomain()));
    }

    private void save(boolean now) {
        if (!now && !atHead && ++unsaved < BACKLOG_SAVE_EVERY) {
            return;
        }
        try {
            stateFile.save(state);
            unsaved = 0;
        } catch (IOException e) {
            log.log(System.Logger.Level.ERROR, () -> "Could not write " + stateFile.path() + ": " + e.getMessage()
                    + "; serving on from memory, a restart would resume from the last written state");
        }
    }

    private void mirror() {
        position = state.position;
        lastEventAt = state.lastEventAt;
        caughtUp = atHead;
        heldCount = state.held.size();
    }

    private static String seconds(Duration wait) {
        return String.format(Locale.ROOT, "%.1f s", wait.toMillis() / 1000.0);
    }

    private static void info(Supplier<String> message) {
        log.log(System.Logger.Level.INFO, message);
    }

    /** A deployment being fetched: its thread (to stop it when withdrawn) and, once known, its blobs. */
    private static final class Running {

        private final Thread thread;
        private volatile Set<String> blobs;
        private volatile boolean cancelled;

        Running(Thread thread) {
            this.thread = thread;
        }

        void cancel() {
            cancelled = true;
            thread.interrupt();
        }
    }

    /** The failures in a row of one deployment, and the timer for its next attempt. */
    private static final class Failure {

        private final SyncFailed.Kind kind;
        private final int count;
        private ScheduledFuture<?> timer;

        Failure(SyncFailed.Kind kind, int count) {
            this.kind = kind;
            this.count = count;
        }

        void cancel() {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }
}
