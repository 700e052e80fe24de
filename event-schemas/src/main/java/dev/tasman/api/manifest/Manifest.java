package dev.tasman.api.manifest;

import java.util.List;

/**
 * Everything an edge needs to serve one deployment: every file by path with its SHA-256, the routing
 * rules, and the SSR entry if any. Its canonical JSON ({@code Manifests} in the control plane: keys in
 * record order, no insignificant whitespace, UTF-8) is what is hashed into the manifest digest and
 * signed with the control plane's Ed25519 key. Part of the edge wire format: versioned by {@code version}.
 */
public record Manifest(int version, String deploymentId, String projectId, List<ManifestFile> files,
        RoutingRules routing, String server) {

    public static final int CURRENT_VERSION = 1;
}
