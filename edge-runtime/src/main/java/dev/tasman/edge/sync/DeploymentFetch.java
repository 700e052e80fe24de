package dev.tasman.edge.sync;

import dev.tasman.edge.cache.ManifestStore;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.control.ControlPlane.SignedManifest;
import dev.tasman.edge.routing.Site;
import dev.tasman.api.feed.EdgeProgress;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Takes one deployment in: its signed manifest, verified; every blob it names that the cache lacks,
 * each verified; then the manifest's bytes on disk. When this returns, the deployment is complete
 * on this edge; when it throws, nothing of it may be acknowledged. On the way it tells {@code progress}
 * how far it is: once the manifest is verified, then at most every {@link #PROGRESS_EVERY_MS} ms while
 * blobs arrive, and once when all are present (for the progress bars of {@code tasman deploy}).
 */
final class DeploymentFetch {

    static final long PROGRESS_EVERY_MS = 250;

    private final ControlPlane controlPlane;
    private final ManifestVerifier verifier;
    private final BlobFetcher blobs;
    private final ManifestStore manifests;
    private final Consumer<EdgeProgress> progress;

    /** @param progress must not block: the fetch calls it on its own thread between looks at the downloads */
    DeploymentFetch(ControlPlane controlPlane, ManifestVerifier verifier, BlobFetcher blobs, ManifestStore manifests,
            Consumer<EdgeProgress> progress) {
        this.controlPlane = controlPlane;
        this.verifier = verifier;
        this.blobs = blobs;
        this.manifests = manifests;
        this.progress = progress;
    }

    /** @param beforeBlobs told the verified manifest's blobs before any is fetched, so none is swept meanwhile */
    Fetched fetch(Wanted wanted, Consumer<Set<String>> beforeBlobs) throws SyncFailed, InterruptedException {
        String id = wanted.deploymentId();
        SignedManifest signed;
        try {
            signed = controlPlane.manifest(id);
        } catch (IOException e) {
            throw SyncFailed.unavailable("manifest of " + id + " could not be fetched (" + ControlPlane.describe(e)
                    + ")");
        } catch (ControlPlane.Refused e) {
            throw SyncFailed.refused("origin refused the manifest of " + id + " (" + e.getMessage() + ")");
        }
        ManifestVerifier.Verified verified = verifier.verify(wanted, signed);
        beforeBlobs.accept(verified.blobs());
        Map<String, CompletableFuture<Boolean>> downloads = new LinkedHashMap<>();
        verified.blobs().forEach(sha -> downloads.put(sha, blobs.fetch(sha)));
        awaitReporting(downloads, new FetchProgress(id, verified.manifest().files(), downloads));
        int downloaded = 0;
        SyncFailed failure = null;
        for (CompletableFuture<Boolean> download : downloads.values()) {
            try {
                downloaded += download.get() ? 1 : 0;
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof SyncFailed failed ? failed
                            : SyncFailed.unavailable("a blob of " + id + " could not be stored (" + e.getCause() + ")");
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        try {
            manifests.save(id, signed.body());
        } catch (IOException e) {
            throw SyncFailed.unavailable("manifest of " + id + " could not be stored (" + e.getMessage() + ")");
        }
        return new Fetched(Site.of(verified.manifest(), verified.digest()), verified.blobs(), downloaded);
    }

    /** Waits for every download to end, reporting progress whenever it moved; all present is always reported. */
    private void awaitReporting(Map<String, CompletableFuture<Boolean>> downloads, FetchProgress tracker)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(downloads.values().toArray(CompletableFuture[]::new));
        EdgeProgress last = tracker.now();
        progress.accept(last);
        while (!all.isDone()) {
            try {
                all.get(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillRunningOrFailed) {
                // a failure is reported by the caller's loop; a timeout is the next look
            }
            EdgeProgress now = tracker.now();
            if (!now.equals(last)) {
                progress.accept(now);
                last = now;
            }
        }
    }

    /** @param downloaded how many blobs came from origin (the rest were already cached) */
    record Fetched(Site site, Set<String> blobs, int downloaded) {
    }
}
