package dev.tasman.edge.routing;

import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One deployment this edge holds complete and verified, ready to serve: its files by path (no leading
 * '/') and its routing rules. Immutable; built from the verified manifest.
 */
public record Site(String deploymentId, String projectId, String manifestDigest, Map<String, ManifestFile> files,
        RoutingRules rules, String server) {

    public Site {
        files = Map.copyOf(files);
        rules = rules == null ? RoutingRules.none() : rules;
    }

    public static Site of(Manifest manifest, String manifestDigest) {
        Map<String, ManifestFile> files = new HashMap<>();
        manifest.files().forEach(file -> files.put(file.path(), file));
        return new Site(manifest.deploymentId(), manifest.projectId(), manifestDigest, files, manifest.routing(),
                manifest.server());
    }

    /** The file at {@code path} (relative, no leading '/'), if the deployment has one. */
    public Optional<ManifestFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }
}
