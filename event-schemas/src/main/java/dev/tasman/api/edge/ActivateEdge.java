package dev.tasman.api.edge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The edge holds every live deployment and may now count toward cutovers. */
public record ActivateEdge(@TargetAggregateIdentifier String edgeId) {
}
