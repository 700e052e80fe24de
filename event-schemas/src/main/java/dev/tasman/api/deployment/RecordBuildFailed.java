package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordBuildFailed(@TargetAggregateIdentifier String deploymentId, Integer exitCode, String reason, List<String> lastLogLines) {
}
