package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordPropagationStalled(@TargetAggregateIdentifier String deploymentId, List<String> missingEdges) {
}
