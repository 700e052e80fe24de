package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An edge holds every file of the deployment, each verified, and the manifest with this digest. */
public record AcknowledgeEdge(@TargetAggregateIdentifier String deploymentId, String edgeId, String manifestDigest) {
}
