package dev.tasman.api.edge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DrainEdge(@TargetAggregateIdentifier String edgeId, String reason) {
}
