package dev.tasman.api.deployment;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BuildSucceeded(String deploymentId, String projectId, String manifestDigest, int fileCount, long totalBytes) {
}
