package dev.tasman.control.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.feed.DeploymentPropagating;
import dev.tasman.api.feed.DeploymentWithdrawn;
import dev.tasman.api.feed.DomainAttached;
import dev.tasman.api.feed.DomainDetached;
import dev.tasman.api.feed.EdgeStatusChanged;
import dev.tasman.api.feed.FeedPayload;
import dev.tasman.api.feed.ProjectAnnounced;
import dev.tasman.api.feed.RoutingSwitched;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.DomainRemoved;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.RoutingCutOver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Stored events → the edge feed's wire format. The feed is a translation, not a copy: edges see only what
 * they act on, in a form versioned on its own, so stored events can evolve without breaking edges.
 */
final class FeedTranslation {

    private static final ObjectMapper JSON = Json.mapper();

    private record Rule<E>(Class<E> type, Function<E, FeedPayload> translate) {

        FeedPayload apply(String payload) {
            try {
                return translate.apply(JSON.readValue(payload, type));
            } catch (IOException e) {
                throw new UncheckedIOException("stored " + type.getSimpleName() + " does not read", e);
            }
        }
    }

    private static final Map<String, Rule<?>> RULES = Map.ofEntries(
            rule(ProjectCreated.class, e -> new ProjectAnnounced(e.projectId(), e.name())),
            rule(DomainAdded.class, e -> new DomainAttached(e.projectId(), e.domain())),
            rule(DomainRemoved.class, e -> new DomainDetached(e.projectId(), e.domain())),
            rule(PropagationRequested.class, e -> new DeploymentPropagating(e.deploymentId(), e.projectId(),
                    e.manifestDigest(), e.requiredEdges())),
            rule(DeploymentCancelled.class, e -> new DeploymentWithdrawn(e.deploymentId(), e.projectId(), e.reason())),
            rule(RoutingCutOver.class, e -> new RoutingSwitched(e.projectId(), e.deploymentId(),
                    e.previousDeploymentId(), e.reason().name())),
            rule(EdgeRegistered.class, e -> new EdgeStatusChanged(e.edgeId(), "JOINING")),
            rule(EdgeActivated.class, e -> new EdgeStatusChanged(e.edgeId(), "ACTIVE")),
            rule(EdgeDrained.class, e -> new EdgeStatusChanged(e.edgeId(), "DRAINED")),
            rule(EdgeReactivated.class, e -> new EdgeStatusChanged(e.edgeId(), "JOINING")));

    private FeedTranslation() {
    }

    private static <E> Map.Entry<String, Rule<?>> rule(Class<E> type, Function<E, FeedPayload> translate) {
        return Map.entry(type.getName(), new Rule<>(type, translate));
    }

    /** The stored payload types the feed carries. */
    static java.util.Set<String> storedTypes() {
        return RULES.keySet();
    }

    /** The wire payload of a stored event of one of {@link #storedTypes()}. */
    static FeedPayload translate(String payloadType, String payload) {
        Rule<?> rule = RULES.get(payloadType);
        if (rule == null) {
            throw new IllegalArgumentException(payloadType + " is not carried on the edge feed");
        }
        return rule.apply(payload);
    }
}
