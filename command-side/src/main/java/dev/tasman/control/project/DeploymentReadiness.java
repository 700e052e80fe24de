package dev.tasman.control.project;

import dev.tasman.api.deployment.DeploymentTarget;
import java.util.List;
import java.util.Optional;

/** What a project needs to know about a deployment before routing traffic to it. */
public interface DeploymentReadiness {

    Optional<Facts> readiness(String deploymentId);

    /**
     * @param missingEdges      required edges that have not acknowledged (empty when ready everywhere)
     * @param acknowledgedEdges edges that acknowledged holding it
     */
    record Facts(String deploymentId, String projectId, DeploymentTarget target, boolean readyEverywhere,
            List<String> missingEdges, List<String> acknowledgedEdges) {
    }
}
