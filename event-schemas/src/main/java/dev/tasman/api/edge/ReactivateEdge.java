package dev.tasman.api.edge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivateEdge(@TargetAggregateIdentifier String edgeId) {
}
