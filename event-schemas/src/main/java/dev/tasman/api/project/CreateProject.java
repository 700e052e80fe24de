package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProject(@TargetAggregateIdentifier String projectId, String name, String owner) {
}
