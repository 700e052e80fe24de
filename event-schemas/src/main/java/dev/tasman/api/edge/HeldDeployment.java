package dev.tasman.api.edge;

public record HeldDeployment(String deploymentId, String manifestDigest) {
}
