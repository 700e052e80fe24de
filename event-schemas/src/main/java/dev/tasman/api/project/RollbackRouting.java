package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Roll back to {@code targetDeploymentId}, or to the deployment live before the current one when null. */
public record RollbackRouting(@TargetAggregateIdentifier String projectId, String targetDeploymentId) {
}
