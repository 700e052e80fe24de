package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetEnvironmentVariable(@TargetAggregateIdentifier String projectId, String name, SealedSecret value) {
}
