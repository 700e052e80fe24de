package dev.tasman.api.feed;

import java.util.List;

/**
 * Edge → control plane, {@code POST /v1/edge/holdings}: every deployment this edge holds complete and
 * verified, replacing its previous report. What is absent was evicted (or never fetched), so it is no
 * rollback target on this edge.
 */
public record EdgeHoldings(List<Held> deployments) {

    public record Held(String deploymentId, String manifestDigest) {
    }
}
