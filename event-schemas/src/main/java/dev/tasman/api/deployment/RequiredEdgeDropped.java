package dev.tasman.api.deployment;

import org.axonframework.serialization.Revision;

/** The deployment no longer waits for {@code edgeId}; that edge must sync it before it rejoins. */
@Revision("1")
public record RequiredEdgeDropped(String deploymentId, String projectId, String edgeId, String reason) {
}
