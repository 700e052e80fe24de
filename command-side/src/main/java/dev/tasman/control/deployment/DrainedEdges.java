package dev.tasman.control.deployment;

import dev.tasman.api.deployment.DropRequiredEdge;
import dev.tasman.api.edge.EdgeDrained;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Draining an edge means cutovers stop waiting for it: every deployment still waiting for the drained
 * edge is told to drop it, and becomes ready if every other required edge has acknowledged. Runs on its
 * own tracking processor, after the drain has committed; replaying it is harmless (dropping is idempotent).
 */
@Component
@ProcessingGroup("drained-edges")
class DrainedEdges {

    private final DeploymentView deployments;
    private final CommandGateway commands;

    DrainedEdges(DeploymentView deployments, CommandGateway commands) {
        this.deployments = deployments;
        this.commands = commands;
    }

    @EventHandler
    void on(EdgeDrained event) {
        for (String deploymentId : deployments.waitingFor(event.edgeId())) {
            commands.sendAndWait(new DropRequiredEdge(deploymentId, event.edgeId(),
                    "edge " + event.edgeId() + " was drained: " + event.reason()));
        }
    }
}
