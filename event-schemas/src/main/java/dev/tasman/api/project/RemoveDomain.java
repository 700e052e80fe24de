package dev.tasman.api.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveDomain(@TargetAggregateIdentifier String projectId, String domain) {
}
