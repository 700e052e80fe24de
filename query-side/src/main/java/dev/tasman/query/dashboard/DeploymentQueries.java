package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.ProjectQueries.strings;
import static dev.tasman.query.dashboard.Rows.instant;
import static dev.tasman.query.dashboard.Rows.nullableLong;

import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.DeploymentTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Deployments with their timings and per-edge progress, read through the active generation's views. */
@Component
class DeploymentQueries {

    /** A progress stream ends at these: nothing more happens to the deployment by itself. */
    static final Set<DeploymentState> FINAL = Set.of(DeploymentState.LIVE, DeploymentState.FAILED,
            DeploymentState.CANCELLED, DeploymentState.SUPERSEDED);

    private static final String EDGE_LISTS = "array(select e.edge_id from query.dashboard_deployment_edge e "
            + "where e.deployment_id = d.deployment_id and e.required order by e.edge_id) required_edges, "
            + "array(select e.edge_id from query.dashboard_deployment_edge e where e.deployment_id = d.deployment_id "
            + "and e.acknowledged_at is not null order by e.edge_id) acknowledged_edges ";

    private final JdbcTemplate jdbc;

    DeploymentQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Source(String kind, String location, String ref, String commit) {
    }

    record DeploymentSummary(String id, String projectId, long position, DeploymentTarget target,
            DeploymentState state, Source source, String createdBy, List<String> requiredEdges,
            List<String> acknowledgedEdges, Instant queuedAt, Instant updatedAt) {
    }

    record Timings(Instant queuedAt, Instant buildStartedAt, Instant builtAt, Instant propagationRequestedAt,
            Instant readyAt, Instant liveAt, Instant supersededAt, Instant failedAt, Instant stalledAt,
            Instant cancelledAt) {
    }

    /** One edge's part: waited for or not, when it acknowledged, and why it was dropped if it was. */
    record EdgeProgress(String edgeId, boolean required, Instant acknowledgedAt, Instant droppedAt,
            String droppedReason) {
    }

    record SyncFailure(String edgeId, String reason, Instant at) {
    }

    /**
     * @param durationsMs how long each stage took, for the stages both ends of which happened: {@code queued}
     *                    (waiting for a worker), {@code build}, {@code propagation} (request to ready everywhere),
     *                    {@code total} (queued to live)
     * @param missingEdges required edges that have not acknowledged yet
     */
    record DeploymentDetails(String id, String projectId, String projectName, DeploymentTarget target,
            DeploymentState state, Source source, String manifestDigest, Integer fileCount, Long totalBytes,
            String createdBy, String failureReason, Timings timings, Map<String, Long> durationsMs,
            List<String> requiredEdges, List<String> acknowledgedEdges, List<String> missingEdges,
            List<EdgeProgress> edges, List<SyncFailure> syncFailures, Instant updatedAt) {
    }

    List<DeploymentSummary> list(String projectId, List<DeploymentState> states, List<DeploymentTarget> targets,
            Long beforePosition, int limit) {
        Where where = new Where().and("d.project_id = ?", projectId).andIf(names(states), "d.state = any(?::text[])")
                .andIf(names(targets), "d.target = any(?::text[])").andIf(beforePosition, "d.position < ?");
        return jdbc.query("select d.*, " + EDGE_LISTS + "from query.dashboard_deployment d" + where.sql()
                + " order by d.position desc limit ?",
                (rs, row) -> new DeploymentSummary(rs.getString("deployment_id"), rs.getString("project_id"),
                        rs.getLong("position"), DeploymentTarget.valueOf(rs.getString("target")),
                        DeploymentState.valueOf(rs.getString("state")), source(rs), rs.getString("created_by"),
                        strings(rs.getArray("required_edges")), strings(rs.getArray("acknowledged_edges")),
                        instant(rs, "queued_at"), instant(rs, "updated_at")),
                where.arguments(limit));
    }

    Optional<DeploymentDetails> find(String deploymentId) {
        return jdbc.query("select d.*, p.name project_name from query.dashboard_deployment d "
                + "left join query.dashboard_project p on p.project_id = d.project_id where d.deployment_id = ?",
                (rs, row) -> details(rs), deploymentId).stream().findFirst();
    }

    private DeploymentDetails details(ResultSet rs) throws SQLException {
        String id = rs.getString("deployment_id");
        List<EdgeProgress> edges = jdbc.query("select * from query.dashboard_deployment_edge where deployment_id = ? "
                + "order by edge_id", (r, n) -> new EdgeProgress(r.getString("edge_id"), r.getBoolean("required"),
                        instant(r, "acknowledged_at"), instant(r, "dropped_at"), r.getString("dropped_reason")), id);
        List<SyncFailure> failures = jdbc.query("select * from query.dashboard_sync_failure where deployment_id = ? "
                + "order by position", (r, n) -> new SyncFailure(r.getString("edge_id"), r.getString("reason"),
                        instant(r, "failed_at")), id);
        List<String> required = edges.stream().filter(EdgeProgress::required).map(EdgeProgress::edgeId).toList();
        List<String> acknowledged = edges.stream().filter(e -> e.acknowledgedAt() != null).map(EdgeProgress::edgeId)
                .toList();
        Timings timings = new Timings(instant(rs, "queued_at"), instant(rs, "build_started_at"),
                instant(rs, "built_at"), instant(rs, "propagation_requested_at"), instant(rs, "ready_at"),
                instant(rs, "live_at"), instant(rs, "superseded_at"), instant(rs, "failed_at"),
                instant(rs, "stalled_at"), instant(rs, "cancelled_at"));
        return new DeploymentDetails(id, rs.getString("project_id"), rs.getString("project_name"),
                DeploymentTarget.valueOf(rs.getString("target")), DeploymentState.valueOf(rs.getString("state")),
                source(rs), rs.getString("manifest_digest"), (Integer) rs.getObject("file_count"),
                nullableLong(rs, "total_bytes"), rs.getString("created_by"), rs.getString("failure_reason"), timings,
                durations(timings), required, acknowledged,
                required.stream().filter(e -> !acknowledged.contains(e)).toList(), edges, failures,
                instant(rs, "updated_at"));
    }

    private static Map<String, Long> durations(Timings t) {
        Map<String, Long> durations = new LinkedHashMap<>();
        between(durations, "queued", t.queuedAt(), t.buildStartedAt());
        between(durations, "build", t.buildStartedAt(), t.builtAt());
        between(durations, "propagation", t.propagationRequestedAt(), t.readyAt());
        between(durations, "total", t.queuedAt(), t.liveAt());
        return durations;
    }

    private static void between(Map<String, Long> into, String stage, Instant from, Instant to) {
        if (from != null && to != null) {
            into.put(stage, Duration.between(from, to).toMillis());
        }
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getString("source_kind"), rs.getString("source_location"), rs.getString("source_ref"),
                rs.getString("source_commit"));
    }

    private static String[] names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toArray(String[]::new);
    }
}
