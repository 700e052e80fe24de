package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordBuildSucceeded(@TargetAggregateIdentifier String deploymentId, String manifestDigest, int fileCount, long totalBytes) {
}
