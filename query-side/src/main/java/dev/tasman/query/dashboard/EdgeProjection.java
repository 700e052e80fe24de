package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.ts;

import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeHoldingsReported;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.edge.EdgeState;
import dev.tasman.api.edge.HeldDeployment;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Edges: region, state, what they hold, when anything was last heard of them, and how long their latest
 * acknowledgement took after the propagation was requested.
 */
class EdgeProjection {

    private final JdbcTemplate jdbc;
    private final String edge;
    private final String holding;
    private final String deployment;

    EdgeProjection(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.edge = schema + ".edge";
        this.holding = schema + ".edge_holding";
        this.deployment = schema + ".deployment";
    }

    @EventHandler
    void on(EdgeRegistered event, @Timestamp Instant at) {
        jdbc.update("insert into " + edge + " (edge_id, region, url, state, registered_at, state_changed_at, "
                + "last_seen_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing", event.edgeId(), event.region(),
                event.url(), EdgeState.JOINING.name(), ts(at), ts(at), ts(at));
    }

    @EventHandler
    void on(EdgeActivated event, @Timestamp Instant at) {
        state(event.edgeId(), EdgeState.ACTIVE, null, at);
    }

    @EventHandler
    void on(EdgeDrained event, @Timestamp Instant at) {
        state(event.edgeId(), EdgeState.DRAINED, event.reason(), at);
    }

    @EventHandler
    void on(EdgeReactivated event, @Timestamp Instant at) {
        state(event.edgeId(), EdgeState.JOINING, null, at);
    }

    @EventHandler
    void on(EdgeHoldingsReported event, @Timestamp Instant at) {
        jdbc.update("delete from " + holding + " where edge_id = ?", event.edgeId());
        // One statement for the whole report (thousands of rows on a large platform), not one per row.
        jdbc.update("insert into " + holding + " (edge_id, deployment_id, manifest_digest) select ?, d, m "
                + "from unnest(?::text[], ?::text[]) as h(d, m) on conflict do nothing", event.edgeId(),
                event.deployments().stream().map(HeldDeployment::deploymentId).toArray(String[]::new),
                event.deployments().stream().map(HeldDeployment::manifestDigest).toArray(String[]::new));
        jdbc.update("update " + edge + " set holdings_reported_at = ?, last_seen_at = greatest(last_seen_at, ?) "
                + "where edge_id = ?", ts(at), ts(at), event.edgeId());
    }

    @EventHandler
    void on(EdgeAcknowledged event, @Timestamp Instant at) {
        jdbc.update("update " + edge + " e set last_ack_deployment_id = ?, last_ack_at = ?, last_ack_latency_ms = "
                + "(select (extract(epoch from (?::timestamptz - d.propagation_requested_at)) * 1000)::bigint from "
                + deployment + " d where d.deployment_id = ?), last_seen_at = greatest(last_seen_at, ?) "
                + "where e.edge_id = ?", event.deploymentId(), ts(at), ts(at), event.deploymentId(), ts(at),
                event.edgeId());
    }

    @EventHandler
    void on(EdgeSyncFailed event, @Timestamp Instant at) {
        jdbc.update("update " + edge + " set last_seen_at = greatest(last_seen_at, ?) where edge_id = ?", ts(at),
                event.edgeId());
    }

    private void state(String edgeId, EdgeState state, String drainReason, Instant at) {
        jdbc.update("update " + edge + " set state = ?, drain_reason = ?, state_changed_at = ?, "
                + "last_seen_at = greatest(last_seen_at, ?) where edge_id = ?", state.name(), drainReason, ts(at),
                ts(at), edgeId);
    }
}
