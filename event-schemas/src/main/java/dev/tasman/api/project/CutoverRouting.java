package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CutoverRouting(@TargetAggregateIdentifier String projectId, String deploymentId) {
}
