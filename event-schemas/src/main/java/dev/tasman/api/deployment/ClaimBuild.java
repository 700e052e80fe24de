package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ClaimBuild(@TargetAggregateIdentifier String deploymentId, String worker) {
}
