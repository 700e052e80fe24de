package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A batch of build output; {@code truncated} marks the batch after which the per-build cap dropped lines. */
public record RecordBuildLog(@TargetAggregateIdentifier String deploymentId, List<LogLine> lines, boolean truncated) {
}
