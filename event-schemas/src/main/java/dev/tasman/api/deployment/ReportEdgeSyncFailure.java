package dev.tasman.api.deployment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An edge could not take the deployment in (e.g. a blob failed verification); it did not acknowledge. */
public record ReportEdgeSyncFailure(@TargetAggregateIdentifier String deploymentId, String edgeId, String reason) {
}
