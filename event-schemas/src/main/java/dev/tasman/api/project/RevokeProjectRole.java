package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeProjectRole(@TargetAggregateIdentifier String projectId, String subject) {
}
