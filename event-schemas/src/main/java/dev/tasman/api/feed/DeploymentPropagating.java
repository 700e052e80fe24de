package dev.tasman.api.feed;

import java.util.List;

/**
 * Fetch and verify this deployment: manifest from {@code /v1/origin/manifests/{deploymentId}} (its digest
 * must equal {@code manifestDigest} and its signature must verify), then every blob it names. Edges in
 * {@code requiredEdges} acknowledge once they hold it all; every other edge fetches it too, so that it
 * can join or rejoin holding it.
 */
public record DeploymentPropagating(String deploymentId, String projectId, String manifestDigest,
        List<String> requiredEdges) implements FeedPayload {

    public static final String TYPE = "propagation-requested";

    @Override
    public String type() {
        return TYPE;
    }
}
