package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record StartBuild(@TargetAggregateIdentifier String deploymentId, String projectId, DeploymentTarget target, SourceRef source) {
}
