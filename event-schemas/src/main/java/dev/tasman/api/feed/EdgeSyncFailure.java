package dev.tasman.api.feed;

/**
 * Edge → control plane, {@code POST /v1/edge/sync-failures}: the deployment could not be taken in, for
 * example a blob whose SHA-256 did not match or a manifest whose signature did not verify. The edge
 * does not acknowledge it; the report names the problem in the deployment's history.
 */
public record EdgeSyncFailure(String deploymentId, String reason) {
}
