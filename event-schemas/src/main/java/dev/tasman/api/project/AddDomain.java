package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddDomain(@TargetAggregateIdentifier String projectId, String domain) {
}
