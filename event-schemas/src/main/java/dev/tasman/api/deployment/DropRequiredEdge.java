package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stop waiting for {@code edgeId} (it was drained): the deployment becomes ready once every remaining
 * required edge has acknowledged. A no-op when the edge is not awaited.
 */
public record DropRequiredEdge(@TargetAggregateIdentifier String deploymentId, String edgeId, String reason) {
}
