package dev.tasman.api.deployment;

import org.axonframework.serialization.Revision;

/** A deployment exists and waits for a build worker (state QUEUED). */
@Revision("1")
public record BuildStarted(String deploymentId, String projectId, DeploymentTarget target, SourceRef source) {
}
