package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelDeployment(@TargetAggregateIdentifier String deploymentId, String reason) {
}
