package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record GrantProjectRole(@TargetAggregateIdentifier String projectId, String subject, ProjectRole role) {
}
