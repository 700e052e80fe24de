package dev.tasman.control.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.deployment.RequiredEdgeDropped;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.project.RoutingCutOver;
import dev.tasman.control.project.DeploymentReadiness;
import dev.tasman.control.shared.MessageMetadata;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deployments as the API shows them, kept in the command's transaction. Also answers the project's
 * question "is this deployment held by every required edge?" before routing moves.
 */
@Component
@ProcessingGroup("control-views")
public class DeploymentView implements DeploymentReadiness, DeploymentsToHold {

    private static final ObjectMapper JSON = Json.mapper();
    private final JdbcTemplate jdbc;

    DeploymentView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Details(String id, String projectId, DeploymentTarget target, DeploymentState state,
            SourceRef source, String manifestDigest, List<String> requiredEdges, List<String> acknowledgedEdges,
            String failureReason, List<String> syncFailures, String createdBy, Instant createdAt,
            Instant propagationRequestedAt, Instant updatedAt, Map<String, EdgeProgressBoard.Report> edgeProgress) {

        /**
         * @param edgeProgress the latest fetch progress per edge, transient and held in memory only
         *     ({@link EdgeProgressBoard}); the view's rows never hold it
         */
        public Details withEdgeProgress(Map<String, EdgeProgressBoard.Report> edgeProgress) {
            return new Details(id, projectId, target, state, source, manifestDigest, requiredEdges, acknowledgedEdges,
                    failureReason, syncFailures, createdBy, createdAt, propagationRequestedAt, updatedAt, edgeProgress);
        }
    }

    @EventHandler
    void on(BuildStarted event, @Timestamp Instant at, @MetaDataValue(MessageMetadata.ACTOR) String actor) {
        SourceRef source = event.source();
        jdbc.update("insert into deployment_view (deployment_id, project_id, target, state, source_kind, "
                + "source_location, source_ref, source_commit, created_by, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event.deploymentId(), event.projectId(),
                event.target().name(), DeploymentState.QUEUED.name(), source.kind(), source.location(), source.ref(),
                source.commit(), actor, ts(at), ts(at));
    }

    @EventHandler
    void on(BuildClaimed event, @Timestamp Instant at) {
        state(event.deploymentId(), DeploymentState.BUILDING, at);
    }

    @EventHandler
    void on(BuildSucceeded event, @Timestamp Instant at) {
        jdbc.update("update deployment_view set state = ?, manifest_digest = ?, updated_at = ? where deployment_id = ?",
                DeploymentState.BUILT.name(), event.manifestDigest(), ts(at), event.deploymentId());
    }

    @EventHandler
    void on(BuildFailed event, @Timestamp Instant at) {
        jdbc.update("update deployment_view set state = ?, failure_reason = ?, updated_at = ? where deployment_id = ?",
                DeploymentState.FAILED.name(), event.reason(), ts(at), event.deploymentId());
    }

    @EventHandler
    void on(PropagationRequested event, @Timestamp Instant at) {
        jdbc.update("update deployment_view set state = ?, required_edges = ?, propagation_requested_at = ?, "
                + "updated_at = ? where deployment_id = ?", DeploymentState.PROPAGATING.name(),
                json(event.requiredEdges()), ts(at), ts(at), event.deploymentId());
    }

    @EventHandler
    void on(EdgeAcknowledged event, @Timestamp Instant at) {
        List<String> acknowledged = new ArrayList<>(find(event.deploymentId()).orElseThrow().acknowledgedEdges());
        acknowledged.add(event.edgeId());
        acknowledged.sort(null);
        jdbc.update("update deployment_view set acknowledged_edges = ?, updated_at = ? where deployment_id = ?",
                json(acknowledged), ts(at), event.deploymentId());
    }

    @EventHandler
    void on(RequiredEdgeDropped event, @Timestamp Instant at) {
        List<String> required = new ArrayList<>(find(event.deploymentId()).orElseThrow().requiredEdges());
        required.remove(event.edgeId());
        jdbc.update("update deployment_view set required_edges = ?, updated_at = ? where deployment_id = ?",
                json(required), ts(at), event.deploymentId());
    }

    @EventHandler
    void on(EdgeSyncFailed event, @Timestamp Instant at) {
        List<String> failures = new ArrayList<>(find(event.deploymentId()).orElseThrow().syncFailures());
        failures.add(event.edgeId() + ": " + event.reason());
        jdbc.update("update deployment_view set sync_failures = ?, updated_at = ? where deployment_id = ?",
                json(failures.subList(Math.max(0, failures.size() - 20), failures.size())), ts(at),
                event.deploymentId());
    }

    /** Deployments still propagating whose propagation began before {@code cutoff}: past their deadline. */
    public List<Details> propagatingSince(Instant cutoff) {
        return jdbc.query("select * from deployment_view where state = 'PROPAGATING' and propagation_requested_at < ?",
                this::details, ts(cutoff));
    }

    @Override
    public List<String> deploymentsEveryEdgeMustHold() {
        return jdbc.queryForList("select deployment_id from deployment_view where state in ('LIVE', 'PROPAGATING') "
                + "order by deployment_id", String.class);
    }

    /** Production deployments of the project that went live after {@code deploymentId} was created. */
    public boolean newerLiveThan(String deploymentId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from deployment_view d "
                + "join deployment_view candidate on candidate.deployment_id = ? "
                + "where d.project_id = candidate.project_id and d.state = 'LIVE' "
                + "and d.created_at > candidate.created_at)", Boolean.class, deploymentId));
    }

    /** Deployments still waiting for {@code edgeId}: what draining it releases. */
    public List<String> waitingFor(String edgeId) {
        return jdbc.query("select * from deployment_view where state in ('PROPAGATING', 'STALLED')", this::details)
                .stream()
                .filter(d -> d.requiredEdges().contains(edgeId) && !d.acknowledgedEdges().contains(edgeId))
                .map(Details::id).toList();
    }

    @EventHandler
    void on(DeploymentReady event, @Timestamp Instant at) {
        state(event.deploymentId(), DeploymentState.READY, at);
    }

    @EventHandler
    void on(PropagationStalled event, @Timestamp Instant at) {
        jdbc.update("update deployment_view set state = ?, failure_reason = ?, updated_at = ? where deployment_id = ?",
                DeploymentState.STALLED.name(), "waiting for edges: " + String.join(", ", event.missingEdges()),
                ts(at), event.deploymentId());
    }

    @EventHandler
    void on(DeploymentCancelled event, @Timestamp Instant at) {
        jdbc.update("update deployment_view set state = ?, failure_reason = ?, updated_at = ? where deployment_id = ?",
                DeploymentState.CANCELLED.name(), event.reason(), ts(at), event.deploymentId());
    }

    /** LIVE and SUPERSEDED follow routing: the new target goes live, the one it replaced steps down. */
    @EventHandler
    void on(RoutingCutOver event, @Timestamp Instant at) {
        if (event.previousDeploymentId() != null) {
            state(event.previousDeploymentId(), DeploymentState.SUPERSEDED, at);
        }
        state(event.deploymentId(), DeploymentState.LIVE, at);
    }

    /** Ready everywhere once every required edge acknowledged; going live or being replaced keeps that true. */
    @Override
    public Optional<Facts> readiness(String deploymentId) {
        return find(deploymentId).map(d -> {
            List<String> missing = new ArrayList<>(d.requiredEdges());
            missing.removeAll(d.acknowledgedEdges());
            boolean ready = EnumSet.of(DeploymentState.READY, DeploymentState.LIVE, DeploymentState.SUPERSEDED)
                    .contains(d.state());
            return new Facts(d.id(), d.projectId(), d.target(), ready, missing, d.acknowledgedEdges());
        });
    }

    public Optional<Details> find(String deploymentId) {
        return jdbc.query("select * from deployment_view where deployment_id = ?", this::details, deploymentId)
                .stream().findFirst();
    }

    public List<Details> forProject(String projectId, DeploymentState state, int limit, int offset) {
        return state == null
                ? jdbc.query("select * from deployment_view where project_id = ? order by created_at desc limit ? offset ?",
                        this::details, projectId, limit, offset)
                : jdbc.query("select * from deployment_view where project_id = ? and state = ? "
                        + "order by created_at desc limit ? offset ?", this::details, projectId, state.name(), limit, offset);
    }

    private Details details(ResultSet rs, int row) throws SQLException {
        return new Details(rs.getString("deployment_id"), rs.getString("project_id"),
                DeploymentTarget.valueOf(rs.getString("target")), DeploymentState.valueOf(rs.getString("state")),
                new SourceRef(rs.getString("source_kind"), rs.getString("source_location"), rs.getString("source_ref"),
                        rs.getString("source_commit")),
                rs.getString("manifest_digest"), list(rs.getString("required_edges")),
                list(rs.getString("acknowledged_edges")), rs.getString("failure_reason"),
                list(rs.getString("sync_failures")), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("propagation_requested_at")), rs.getTimestamp("updated_at").toInstant(),
                Map.of());
    }

    private void state(String deploymentId, DeploymentState state, Instant at) {
        jdbc.update("update deployment_view set state = ?, updated_at = ? where deployment_id = ?", state.name(),
                ts(at), deploymentId);
    }

    private static Instant instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
