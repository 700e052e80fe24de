package dev.tasman.edge.sync;

/**
 * A deployment this edge is to fetch: propagated (and neither withdrawn nor superseded) or named by a
 * routing switch, and not held yet.
 *
 * @param manifestDigest the digest the feed announced; null when only a routing switch named the
 *                       deployment and its propagation is too old to be remembered (the signature is then all
 *                       that vouches for the manifest)
 * @param required       this edge is among the propagation's required edges: acknowledge once held
 */
record Wanted(String deploymentId, String projectId, String manifestDigest, boolean required) {
}
