package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateBuildSettings(@TargetAggregateIdentifier String projectId, BuildSettings settings) {
}
