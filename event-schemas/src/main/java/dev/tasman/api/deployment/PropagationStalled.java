package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PropagationStalled(String deploymentId, String projectId, List<String> missingEdges) {
}
