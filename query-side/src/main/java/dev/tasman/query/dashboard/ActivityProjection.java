package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.ts;

import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenRevoked;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.deployment.RequiredEdgeDropped;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.api.project.BuildSettingsUpdated;
import dev.tasman.api.project.CutoverReason;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.DomainRemoved;
import dev.tasman.api.project.EnvironmentVariableRemoved;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.ProjectRoleGranted;
import dev.tasman.api.project.ProjectRoleRevoked;
import dev.tasman.api.project.RoutingCutOver;
import java.util.Locale;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The activity feed: one row per event a person would want to see in a timeline, with who did it (the
 * {@code actor} the control plane recorded) and a short summary that reads after the actor's name. Build
 * logs, claims, acknowledgements and holdings are progress, not activity: the deployment page shows them.
 */
class ActivityProjection {

    private final JdbcTemplate jdbc;
    private final String activity;

    ActivityProjection(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.activity = schema + ".activity";
    }

    @EventHandler
    void on(ProjectCreated e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "created project " + e.name());
    }

    @EventHandler
    void on(BuildSettingsUpdated e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "changed the build settings");
    }

    @EventHandler
    void on(EnvironmentVariableSet e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "set environment variable " + e.name());
    }

    @EventHandler
    void on(EnvironmentVariableRemoved e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "removed environment variable " + e.name());
    }

    @EventHandler
    void on(DomainAdded e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "added domain " + e.domain());
    }

    @EventHandler
    void on(DomainRemoved e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "removed domain " + e.domain());
    }

    @EventHandler
    void on(ProjectRoleGranted e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "made " + e.subject() + " " + lower(e.role()));
    }

    @EventHandler
    void on(ProjectRoleRevoked e, EventMessage<?> m) {
        record(m, e.projectId(), null, null, "removed " + e.subject() + " from the project");
    }

    @EventHandler
    void on(BuildStarted e, EventMessage<?> m) {
        SourceRef source = e.source();
        String from = source == null ? "" : "git".equals(source.kind())
                ? " from " + source.location() + (source.ref() == null ? "" : " " + source.ref())
                : " from an uploaded archive";
        record(m, e.projectId(), e.deploymentId(), null, "started " + lower(e.target()) + " deployment "
                + e.deploymentId() + from);
    }

    @EventHandler
    void on(BuildSucceeded e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), null, "built deployment " + e.deploymentId() + " ("
                + e.fileCount() + " files)");
    }

    @EventHandler
    void on(BuildFailed e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), null, "deployment " + e.deploymentId() + " failed to build: "
                + e.reason());
    }

    @EventHandler
    void on(DeploymentReady e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), null, "deployment " + e.deploymentId() + " is ready on "
                + String.join(", ", e.edges()));
    }

    @EventHandler
    void on(PropagationStalled e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), null, "deployment " + e.deploymentId() + " stalled waiting for "
                + String.join(", ", e.missingEdges()));
    }

    @EventHandler
    void on(DeploymentCancelled e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), null, "cancelled deployment " + e.deploymentId()
                + (e.reason() == null ? "" : ": " + e.reason()));
    }

    @EventHandler
    void on(RoutingCutOver e, EventMessage<?> m) {
        String replaced = e.previousDeploymentId() == null ? "" : ", replacing " + e.previousDeploymentId();
        String summary = e.reason() == CutoverReason.ROLLBACK ? "rolled back to " + e.deploymentId() + replaced
                : e.reason() == CutoverReason.PROMOTE ? "promoted " + e.deploymentId() + replaced
                : "put deployment " + e.deploymentId() + " live" + replaced;
        record(m, e.projectId(), e.deploymentId(), null, summary);
    }

    @EventHandler
    void on(RequiredEdgeDropped e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), e.edgeId(), "deployment " + e.deploymentId()
                + " no longer waits for edge " + e.edgeId() + ": " + e.reason());
    }

    @EventHandler
    void on(EdgeSyncFailed e, EventMessage<?> m) {
        record(m, e.projectId(), e.deploymentId(), e.edgeId(), "edge " + e.edgeId() + " could not sync deployment "
                + e.deploymentId() + ": " + e.reason());
    }

    @EventHandler
    void on(EdgeRegistered e, EventMessage<?> m) {
        record(m, null, null, e.edgeId(), "registered edge " + e.edgeId() + " in " + e.region());
    }

    @EventHandler
    void on(EdgeActivated e, EventMessage<?> m) {
        record(m, null, null, e.edgeId(), "edge " + e.edgeId() + " became active");
    }

    @EventHandler
    void on(EdgeDrained e, EventMessage<?> m) {
        record(m, null, null, e.edgeId(), "drained edge " + e.edgeId() + (e.reason() == null ? "" : ": " + e.reason()));
    }

    @EventHandler
    void on(EdgeReactivated e, EventMessage<?> m) {
        record(m, null, null, e.edgeId(), "reactivated edge " + e.edgeId());
    }

    @EventHandler
    void on(TokenIssued e, EventMessage<?> m) {
        record(m, null, null, e.edgeId(), "issued " + lower(e.kind()) + " token " + e.tokenId() + " for "
                + e.subject());
    }

    @EventHandler
    void on(TokenRevoked e, EventMessage<?> m) {
        record(m, null, null, null, "revoked token " + e.tokenId() + " of " + e.subject());
    }

    private void record(EventMessage<?> message, String projectId, String deploymentId, String edgeId,
            String summary) {
        long position = ((TrackedEventMessage<?>) message).trackingToken().position().orElseThrow();
        Object actor = message.getMetaData().get("actor");
        jdbc.update("insert into " + activity + " (position, at, type, actor, project_id, deployment_id, edge_id, "
                + "summary) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing", position,
                ts(message.getTimestamp()), message.getPayloadType().getSimpleName(),
                actor == null ? null : actor.toString(), projectId, deploymentId, edgeId, summary);
    }

    private static String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }
}
