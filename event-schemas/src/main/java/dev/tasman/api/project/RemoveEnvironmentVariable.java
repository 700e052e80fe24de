package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveEnvironmentVariable(@TargetAggregateIdentifier String projectId, String name) {
}
