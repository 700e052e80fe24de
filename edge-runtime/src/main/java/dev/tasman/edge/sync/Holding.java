package dev.tasman.edge.sync;

/**
 * A deployment this edge holds complete and verified: its manifest is in {@code manifests/} and every
 * blob it names in the cache.
 *
 * @param acknowledgementOwed this edge was required and the control plane has not yet taken its acknowledgement
 */
record Holding(String deploymentId, String projectId, String manifestDigest, boolean acknowledgementOwed) {

    Holding acknowledged() {
        return new Holding(deploymentId, projectId, manifestDigest, false);
    }
}
