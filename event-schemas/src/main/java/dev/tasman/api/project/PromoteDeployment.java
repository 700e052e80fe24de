package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PromoteDeployment(@TargetAggregateIdentifier String projectId, String deploymentId) {
}
