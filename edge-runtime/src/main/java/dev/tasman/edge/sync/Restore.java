package dev.tasman.edge.sync;

import dev.tasman.api.Json;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.cache.ManifestStore;
import dev.tasman.edge.routing.Site;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a restart can serve from disk alone (invariant 6): every held deployment whose manifest still
 * hashes to the digest {@code state.json} recorded and whose blobs are all present. One that is not
 * complete any more goes back to being wanted (a project it was live for waits for it again), and a
 * manifest {@code state.json} does not name (a fetch that did not finish) is deleted.
 */
final class Restore {

    private static final System.Logger log = System.getLogger(Restore.class.getName());

    private Restore() {
    }

    static Map<String, Site> heldSites(EdgeState state, ManifestStore manifests, BlobCache cache) throws IOException {
        Map<String, Site> sites = new HashMap<>();
        for (Holding holding : List.copyOf(state.held.values())) {
            Optional<Site> site = site(holding, manifests, cache);
            if (site.isPresent()) {
                sites.put(holding.deploymentId(), site.get());
            } else {
                log.log(System.Logger.Level.WARNING, () -> "Deployment " + holding.deploymentId() + " is no longer"
                        + " complete on disk; fetching it again");
                state.held.remove(holding.deploymentId());
                state.wanted.put(holding.deploymentId(), new Wanted(holding.deploymentId(), holding.projectId(),
                        holding.manifestDigest(), holding.acknowledgementOwed()));
            }
        }
        for (Project project : List.copyOf(state.projects.values())) {
            if (project.live() != null && !sites.containsKey(project.live())) {
                state.update(project.id(), Project::awaitingLive);
            }
        }
        for (String stored : manifests.deploymentIds()) {
            if (!state.held.containsKey(stored)) {
                manifests.delete(stored);
            }
        }
        return sites;
    }

    private static Optional<Site> site(Holding holding, ManifestStore manifests, BlobCache cache) throws IOException {
        Optional<byte[]> bytes = manifests.load(holding.deploymentId(), holding.manifestDigest());
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        Site site = Site.of(Json.mapper().readValue(bytes.get(), Manifest.class), holding.manifestDigest());
        return ManifestVerifier.blobs(site.files().values()).stream().allMatch(cache::has) ? Optional.of(site)
                : Optional.empty();
    }
}
