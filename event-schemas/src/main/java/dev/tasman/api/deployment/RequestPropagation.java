package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ask every edge in {@code requiredEdges} to hold the deployment; cutover waits for all of them. */
public record RequestPropagation(@TargetAggregateIdentifier String deploymentId, List<String> requiredEdges) {
}
