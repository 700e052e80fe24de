package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BuildFailed(String deploymentId, String projectId, Integer exitCode, String reason, List<String> lastLogLines) {
}
