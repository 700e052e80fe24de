package dev.tasman.control.edge;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tasman.api.edge.ActivateEdge;
import dev.tasman.api.edge.DrainEdge;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeHoldingsReported;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.edge.EdgeState;
import dev.tasman.api.edge.HeldDeployment;
import dev.tasman.api.edge.ReactivateEdge;
import dev.tasman.api.edge.RegisterEdge;
import dev.tasman.api.edge.ReportHoldings;
import dev.tasman.control.deployment.DeploymentsToHold;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An edge server in some region. It joins (JOINING), counts toward cutovers once it holds every live
 * deployment (ACTIVE), and can be drained so cutovers stop waiting for it (DRAINED).
 */
@Aggregate(snapshotTriggerDefinition = "snapshotEvery50Events")
class Edge {

    @AggregateIdentifier
    private String edgeId;
    private EdgeState state;
    /** Deployment id → manifest digest, as the edge last reported. */
    private Map<String, String> held = new TreeMap<>();

    Edge() {
        // for Axon
    }

    @CommandHandler
    Edge(RegisterEdge command) {
        Check.matches("id", command.edgeId(), Check.EDGE_ID,
                "1-32 lowercase letters, digits or hyphens, starting with a letter (e.g. syd)");
        Check.matches("region", command.region(), Check.DNS_LABEL, "a region name such as ap-southeast-2");
        Check.httpUrl("url", command.url());
        apply(new EdgeRegistered(command.edgeId(), command.region(), command.url()));
    }

    /**
     * The edge joins the cutovers only once its last holdings report names every live deployment and every
     * one being propagated: from then on routing may move to nothing it lacks (invariant 1).
     */
    @CommandHandler
    void handle(ActivateEdge command, DeploymentsToHold obligations) {
        if (state == EdgeState.ACTIVE) {
            return;
        }
        if (state == EdgeState.DRAINED) {
            throw Refused.conflict("Edge '" + edgeId + "' is drained; reactivate it before it can become active.");
        }
        List<String> missing = new ArrayList<>(obligations.deploymentsEveryEdgeMustHold());
        missing.removeAll(held.keySet());
        if (!missing.isEmpty()) {
            missing.sort(null);
            throw Refused.conflict("Edge '" + edgeId + "' does not hold every live deployment yet (missing "
                    + String.join(", ", missing) + "); report holdings once it has fetched them.");
        }
        apply(new EdgeActivated(edgeId));
    }

    @CommandHandler
    void handle(ReportHoldings command) {
        List<HeldDeployment> reported = command.deployments() == null ? List.of() : command.deployments();
        Map<String, String> next = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (HeldDeployment deployment : reported) {
            Check.required("deployments[].deploymentId", deployment == null ? null : deployment.deploymentId());
            Check.matches("deployments[].manifestDigest", deployment.manifestDigest(), Check.SHA256_DIGEST,
                    "sha256:<64 hex digits>");
            if (!seen.add(deployment.deploymentId())) {
                throw Refused.invalid("deployments", "Deployment " + deployment.deploymentId() + " is listed twice.");
            }
            next.put(deployment.deploymentId(), deployment.manifestDigest());
        }
        if (next.equals(held)) {
            return;
        }
        apply(new EdgeHoldingsReported(edgeId, next.entrySet().stream()
                .map(e -> new HeldDeployment(e.getKey(), e.getValue())).toList()));
    }

    @CommandHandler
    void handle(DrainEdge command) {
        if (state == EdgeState.DRAINED) {
            return;
        }
        apply(new EdgeDrained(edgeId, command.reason() == null || command.reason().isBlank()
                ? "drained by an operator" : command.reason()));
    }

    @CommandHandler
    void handle(ReactivateEdge command) {
        if (state != EdgeState.DRAINED) {
            return;
        }
        apply(new EdgeReactivated(edgeId));
    }

    @EventSourcingHandler
    void on(EdgeRegistered event) {
        edgeId = event.edgeId();
        state = EdgeState.JOINING;
    }

    @EventSourcingHandler
    void on(EdgeHoldingsReported event) {
        held = new TreeMap<>();
        event.deployments().forEach(d -> held.put(d.deploymentId(), d.manifestDigest()));
    }

    @EventSourcingHandler
    void on(EdgeActivated event) {
        state = EdgeState.ACTIVE;
    }

    @EventSourcingHandler
    void on(EdgeDrained event) {
        state = EdgeState.DRAINED;
    }

    @EventSourcingHandler
    void on(EdgeReactivated event) {
        state = EdgeState.JOINING;
    }
}
