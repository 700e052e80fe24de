package dev.tasman.api.deployment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record EdgeSyncFailed(String deploymentId, String projectId, String edgeId, String reason) {
}
