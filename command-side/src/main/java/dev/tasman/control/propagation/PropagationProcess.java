package dev.tasman.control.propagation;

import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.RequestPropagation;
import dev.tasman.api.project.CutoverRouting;
import dev.tasman.control.deployment.DeploymentView;
import dev.tasman.control.edge.EdgeView;
import dev.tasman.control.shared.Refused;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The process from "built" to "live": a built deployment is sent to every active edge; once every one of
 * them has acknowledged it (the Deployment aggregate decides that), a production deployment cuts over.
 * Its state is the event store itself, read by its own tracking processor: after a crash it resumes from
 * its stored token, and each step is safe to repeat (the aggregates ignore or refuse a repeated step).
 * The deadline half lives in {@link PropagationDeadlines}.
 */
@Component
@ConditionalOnProperty(name = "tasman.control.propagation.enabled", matchIfMissing = true)
@ProcessingGroup("propagation")
class PropagationProcess {

    private static final Logger log = LoggerFactory.getLogger(PropagationProcess.class);

    private final EdgeView edges;
    private final DeploymentView deployments;
    private final CommandGateway commands;

    PropagationProcess(EdgeView edges, DeploymentView deployments, CommandGateway commands) {
        this.edges = edges;
        this.deployments = deployments;
        this.commands = commands;
    }

    @EventHandler
    void on(BuildSucceeded event) {
        try {
            commands.sendAndWait(new RequestPropagation(event.deploymentId(), edges.active()));
        } catch (Refused refused) {
            // Already propagating (a repeat), cancelled meanwhile, or no active edge: the deployment says why.
            log.warn("Deployment {} was not propagated: {}", event.deploymentId(), refused.getMessage());
        }
    }

    /**
     * Production goes live automatically, unless a newer production deployment of the project is already
     * live: an older build that finishes propagating late never replaces a newer one.
     */
    @EventHandler
    void on(DeploymentReady event) {
        if (event.target() != DeploymentTarget.PRODUCTION) {
            return;
        }
        if (deployments.newerLiveThan(event.deploymentId())) {
            log.info("Deployment {} is ready but a newer one is live; it stays ready (promote it to use it)",
                    event.deploymentId());
            return;
        }
        try {
            commands.sendAndWait(new CutoverRouting(event.projectId(), event.deploymentId()));
        } catch (Refused refused) {
            log.warn("Deployment {} did not go live: {}", event.deploymentId(), refused.getMessage());
        }
    }
}
