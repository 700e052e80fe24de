package dev.tasman.api.feed;

/** Edge → control plane, {@code POST /v1/edge/acknowledgements}: "I hold every file of it, each verified". */
public record EdgeAcknowledgement(String deploymentId, String manifestDigest) {
}
