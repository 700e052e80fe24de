package dev.tasman.control.edge;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tasman.api.edge.ActivateEdge;
import dev.tasman.api.edge.DrainEdge;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.edge.EdgeState;
import dev.tasman.api.edge.ReactivateEdge;
import dev.tasman.api.edge.RegisterEdge;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
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

    @CommandHandler
    void handle(ActivateEdge command) {
        if (state == EdgeState.ACTIVE) {
            return;
        }
        if (state == EdgeState.DRAINED) {
            throw Refused.conflict("Edge '" + edgeId + "' is drained; reactivate it before it can become active.");
        }
        apply(new EdgeActivated(edgeId));
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
