package dev.tasman.control.propagation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Propagation settings, under {@code tasman.control.propagation}.
 *
 * @param enabled       run the propagation process in this instance: built deployments go to every active
 *                      edge and production goes live once all have acknowledged (false for an API-only
 *                      instance; some instance must run it)
 * @param deadline      how long a deployment may wait for every required edge before it is marked STALLED,
 *                      naming the edges it waits for (it still goes live if they acknowledge later)
 * @param checkInterval how often deadlines are checked
 */
@ConfigurationProperties("tasman.control.propagation")
public record PropagationProperties(Boolean enabled, Duration deadline, Duration checkInterval) {

    public PropagationProperties {
        enabled = enabled == null || enabled;
        deadline = deadline == null ? Duration.ofMinutes(2) : deadline;
        checkInterval = checkInterval == null ? Duration.ofSeconds(1) : checkInterval;
    }
}
