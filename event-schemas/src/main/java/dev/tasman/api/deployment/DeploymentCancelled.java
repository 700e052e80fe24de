package dev.tasman.api.deployment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record DeploymentCancelled(String deploymentId, String projectId, String reason) {
}
