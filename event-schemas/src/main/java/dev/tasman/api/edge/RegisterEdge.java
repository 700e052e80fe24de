package dev.tasman.api.edge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adding a region is registering an edge: no code change. */
public record RegisterEdge(@TargetAggregateIdentifier String edgeId, String region, String url) {
}
