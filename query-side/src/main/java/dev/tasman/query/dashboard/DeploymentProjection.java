package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.ts;

import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.deployment.RequiredEdgeDropped;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.project.RoutingCutOver;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deployments: state, the time each stage was reached, and per edge whether it is waited for, acknowledged or
 * dropped, plus every sync failure an edge reported.
 */
class DeploymentProjection {

    private final JdbcTemplate jdbc;
    private final DeploymentChanges changes;
    private final String deployment;
    private final String edges;
    private final String failures;

    DeploymentProjection(JdbcTemplate jdbc, String schema, DeploymentChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.deployment = schema + ".deployment";
        this.edges = schema + ".deployment_edge";
        this.failures = schema + ".sync_failure";
    }

    @EventHandler
    void on(BuildStarted event, @Timestamp Instant at, @MetaDataValue("actor") String actor, TrackingToken token) {
        SourceRef source = event.source() == null ? new SourceRef(null, null, null, null) : event.source();
        jdbc.update("insert into " + deployment + " (deployment_id, project_id, position, target, state, source_kind, "
                + "source_location, source_ref, source_commit, created_by, queued_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing", event.deploymentId(),
                event.projectId(), token.position().orElseThrow(), event.target().name(),
                DeploymentState.QUEUED.name(), source.kind(), source.location(), source.ref(), source.commit(), actor,
                ts(at), ts(at));
        changes.changed(event.deploymentId());
    }

    /** A build claimed again after a lost worker keeps the time of its first start. */
    @EventHandler
    void on(BuildClaimed event, @Timestamp Instant at) {
        update(event.deploymentId(), at, "state = 'BUILDING', build_started_at = coalesce(build_started_at, ?)", ts(at));
    }

    @EventHandler
    void on(BuildSucceeded event, @Timestamp Instant at) {
        update(event.deploymentId(), at, "state = 'BUILT', built_at = ?, manifest_digest = ?, file_count = ?, "
                + "total_bytes = ?", ts(at), event.manifestDigest(), event.fileCount(), event.totalBytes());
    }

    @EventHandler
    void on(BuildFailed event, @Timestamp Instant at) {
        update(event.deploymentId(), at, "state = 'FAILED', failed_at = ?, failure_reason = ?", ts(at), event.reason());
    }

    @EventHandler
    void on(PropagationRequested event, @Timestamp Instant at) {
        jdbc.update("insert into " + edges + " (deployment_id, edge_id, required) select ?, e, true "
                + "from unnest(?::text[]) as r(e) on conflict (deployment_id, edge_id) do update set required = true",
                event.deploymentId(), event.requiredEdges().toArray(String[]::new));
        update(event.deploymentId(), at, "state = 'PROPAGATING', propagation_requested_at = ?", ts(at));
    }

    /** An edge that joined after the request acknowledges too, without being waited for. */
    @EventHandler
    void on(EdgeAcknowledged event, @Timestamp Instant at) {
        // With the deployment's time in one statement: a round trip less for the most frequent event handled.
        jdbc.update("with acknowledged as (insert into " + edges + " (deployment_id, edge_id, required, "
                + "acknowledged_at) values (?, ?, false, ?) on conflict (deployment_id, edge_id) do update set "
                + "acknowledged_at = coalesce(" + edges + ".acknowledged_at, excluded.acknowledged_at)) "
                + "update " + deployment + " set updated_at = ? where deployment_id = ?", event.deploymentId(),
                event.edgeId(), ts(at), ts(at), event.deploymentId());
        changes.changed(event.deploymentId());
    }

    @EventHandler
    void on(RequiredEdgeDropped event, @Timestamp Instant at) {
        jdbc.update("insert into " + edges + " (deployment_id, edge_id, required, dropped_at, dropped_reason) "
                + "values (?, ?, false, ?, ?) on conflict (deployment_id, edge_id) do update set required = false, "
                + "dropped_at = excluded.dropped_at, dropped_reason = excluded.dropped_reason", event.deploymentId(),
                event.edgeId(), ts(at), event.reason());
        update(event.deploymentId(), at, null);
    }

    @EventHandler
    void on(EdgeSyncFailed event, @Timestamp Instant at, TrackingToken token) {
        jdbc.update("insert into " + failures + " (position, deployment_id, edge_id, reason, failed_at) "
                + "values (?, ?, ?, ?, ?) on conflict do nothing", token.position().orElseThrow(),
                event.deploymentId(), event.edgeId(), event.reason(), ts(at));
        update(event.deploymentId(), at, null);
    }

    @EventHandler
    void on(DeploymentReady event, @Timestamp Instant at) {
        update(event.deploymentId(), at, "state = 'READY', ready_at = ?, failure_reason = null", ts(at));
    }

    @EventHandler
    void on(PropagationStalled event, @Timestamp Instant at) {
        update(event.deploymentId(), at, "state = 'STALLED', stalled_at = ?, failure_reason = ?", ts(at),
                "waiting for edges: " + String.join(", ", event.missingEdges()));
    }

    @EventHandler
    void on(DeploymentCancelled event, @Timestamp Instant at) {
        update(event.deploymentId(), at, "state = 'CANCELLED', cancelled_at = ?, failure_reason = ?", ts(at),
                event.reason());
    }

    /** LIVE and SUPERSEDED follow routing: the new target goes live, the one it replaced steps down. */
    @EventHandler
    void on(RoutingCutOver event, @Timestamp Instant at) {
        if (event.previousDeploymentId() != null && !event.previousDeploymentId().equals(event.deploymentId())) {
            update(event.previousDeploymentId(), at, "state = 'SUPERSEDED', superseded_at = ?", ts(at));
        }
        update(event.deploymentId(), at, "state = 'LIVE', live_at = ?", ts(at));
    }

    /** Sets {@code assignments} (may be null: only the time) and tells whoever watches the deployment. */
    private void update(String deploymentId, Instant at, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 2];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = ts(at);
        arguments[values.length + 1] = deploymentId;
        jdbc.update("update " + deployment + " set " + (assignments == null ? "" : assignments + ", ")
                + "updated_at = ? where deployment_id = ?", arguments);
        changes.changed(deploymentId);
    }
}
