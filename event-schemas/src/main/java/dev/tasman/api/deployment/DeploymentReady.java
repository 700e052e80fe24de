package dev.tasman.api.deployment;

import java.util.List;
import org.axonframework.serialization.Revision;

/** Every required edge acknowledged: the deployment may now receive traffic (state READY). */
@Revision("1")
public record DeploymentReady(String deploymentId, String projectId, DeploymentTarget target, List<String> edges) {
}
