package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PropagationRequested(String deploymentId, String projectId, String manifestDigest, List<String> requiredEdges) {
}
