package dev.tasman.api.deployment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BuildClaimed(String deploymentId, String projectId, String worker) {
}
