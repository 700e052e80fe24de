package dev.tasman.api.project;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RoutingCutOver(String projectId, String deploymentId, String previousDeploymentId, CutoverReason reason) {
}
