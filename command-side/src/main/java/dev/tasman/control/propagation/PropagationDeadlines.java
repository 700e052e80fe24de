package dev.tasman.control.propagation;

import dev.tasman.api.deployment.RecordPropagationStalled;
import dev.tasman.control.deployment.DeploymentView;
import dev.tasman.control.shared.Refused;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Marks deployments that waited too long for their edges as STALLED, naming the edges they wait for
 * (invariant 7). The deadline is persisted as the moment propagation began (an event timestamp kept in
 * the deployment view), so a restart loses no deadline; every instance may check, since marking a
 * stalled deployment again changes nothing.
 */
@Component
@ConditionalOnProperty(name = "tasman.control.propagation.enabled", matchIfMissing = true)
class PropagationDeadlines {

    private static final Logger log = LoggerFactory.getLogger(PropagationDeadlines.class);

    private final DeploymentView deployments;
    private final CommandGateway commands;
    private final PropagationProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("propagation-deadlines").daemon().factory());

    PropagationDeadlines(DeploymentView deployments, CommandGateway commands, PropagationProperties properties) {
        this.deployments = deployments;
        this.commands = commands;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = properties.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("Checking propagation deadlines failed; trying again shortly: {}", e.toString());
        }
    }

    void check() {
        Instant cutoff = clock.instant().minus(properties.deadline());
        for (DeploymentView.Details deployment : deployments.propagatingSince(cutoff)) {
            List<String> missing = new ArrayList<>(deployment.requiredEdges());
            missing.removeAll(deployment.acknowledgedEdges());
            if (missing.isEmpty()) {
                continue;
            }
            try {
                commands.sendAndWait(new RecordPropagationStalled(deployment.id(), missing));
                log.warn("Deployment {} stalled after {}: waiting for edges {}", deployment.id(),
                        properties.deadline(), missing);
            } catch (Refused raced) {
                log.debug("Deployment {} moved on before it could be marked stalled: {}", deployment.id(),
                        raced.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
