package dev.tasman.edge.sync;

import dev.tasman.edge.cache.ManifestStore;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.control.ControlPlane.SignedManifest;
import dev.tasman.edge.routing.Site;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Takes one deployment in: its signed manifest, verified; every blob it names that the cache lacks,
 * each verified; then the manifest's bytes on disk. When this returns, the deployment is complete
 * on this edge; when it throws, nothing of it may be acknowledged.
 */
final class DeploymentFetch {

    private final ControlPlane controlPlane;
    private final ManifestVerifier verifier;
    private final BlobFetcher blobs;
    private final ManifestStore manifests;

    DeploymentFetch(ControlPlane controlPlane, ManifestVerifier verifier, BlobFetcher blobs, ManifestStore manifests) {
        this.controlPlane = controlPlane;
        this.verifier = verifier;
        this.blobs = blobs;
        this.manifests = manifests;
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
        List<CompletableFuture<Boolean>> downloads = verified.blobs().stream().map(blobs::fetch).toList();
        int downloaded = 0;
        SyncFailed failure = null;
        for (CompletableFuture<Boolean> download : downloads) {
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

    /** @param downloaded how many blobs came from origin (the rest were already cached) */
    record Fetched(Site site, Set<String> blobs, int downloaded) {
    }
}
