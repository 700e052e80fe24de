package dev.tasman.query.logs;

import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildLogRecorded;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentCancelled;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.LogLine;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.deployment.RequiredEdgeDropped;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.project.CutoverReason;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.RoutingCutOver;
import dev.tasman.query.projection.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Build log lines (kind {@code build}) and each step of a deployment's way to live (kind {@code timeline}) as
 * documents of the logs index, with the project's id and name. A line keeps the time the build printed it; a
 * step has its event's time. An event's documents are ids derived from the event's own id, so handling it
 * twice (a retry after an outage, a replay) writes the same documents again.
 */
class LogProjection {

    static final String PROCESSOR = "logs";

    private final JdbcTemplate jdbc;
    private final Indices indices;
    private final Projections projections;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    LogProjection(JdbcTemplate jdbc, Indices indices, Projections projections) {
        this.jdbc = jdbc;
        this.indices = indices;
        this.projections = projections;
    }

    /** Project names never change; this processor keeps its own, so it never waits for another processor. */
    @EventHandler
    void on(ProjectCreated e) {
        jdbc.update("insert into query.log_project (project_id, name) values (?, ?) on conflict (project_id) "
                + "do update set name = excluded.name", e.projectId(), e.name());
        names.put(e.projectId(), e.name());
    }

    @EventHandler
    void on(BuildLogRecorded e, EventMessage<?> m, TrackingToken token) {
        List<Document> documents = new ArrayList<>();
        List<LogLine> lines = e.lines() == null ? List.of() : e.lines();
        String name = name(e.projectId());
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            Instant at = line == null || line.at() == null ? m.getTimestamp() : line.at();
            String text = line == null || line.text() == null ? "" : line.text();
            documents.add(new Document(Indices.Kind.LOGS, m.getIdentifier() + ":" + i, at, new LogEntry(at,
                    sortKey(token, i), LogEntry.BUILD, e.projectId(), name, e.deploymentId(), null, null,
                    line == null ? null : line.stream(), text, null, null, null, null, null, null)));
        }
        if (e.truncated()) {
            documents.add(new Document(Indices.Kind.LOGS, m.getIdentifier() + ":truncated", m.getTimestamp(),
                    new LogEntry(m.getTimestamp(), sortKey(token, lines.size()), LogEntry.BUILD, e.projectId(), name,
                            e.deploymentId(), null, null, "system", "(the build printed more; no further lines "
                                    + "of it are kept)", null, null, null, null, null, null)));
        }
        LogBatch.current(indices, projections, PROCESSOR).add(m, documents);
    }

    @EventHandler
    void on(BuildStarted e, EventMessage<?> m, TrackingToken token) {
        SourceRef source = e.source();
        String from = source == null ? "" : "git".equals(source.kind())
                ? " from " + source.location() + (source.ref() == null ? "" : " " + source.ref())
                : " from an uploaded archive";
        step(m, token, e.projectId(), e.deploymentId(), null, "build queued for a "
                + (e.target() == null ? "" : e.target().name().toLowerCase(Locale.ROOT) + " ") + "deployment" + from);
    }

    @EventHandler
    void on(BuildSucceeded e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), null, "build succeeded: " + e.fileCount() + " files, "
                + e.totalBytes() + " bytes");
    }

    @EventHandler
    void on(BuildFailed e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), null, "build failed"
                + (e.exitCode() == null ? "" : " (exit code " + e.exitCode() + ")") + ": " + e.reason());
    }

    @EventHandler
    void on(PropagationRequested e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), null, "propagation requested to edges "
                + String.join(", ", e.requiredEdges()));
    }

    @EventHandler
    void on(EdgeAcknowledged e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), e.edgeId(), "edge " + e.edgeId() + " acknowledged: it "
                + "holds the deployment");
    }

    @EventHandler
    void on(EdgeSyncFailed e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), e.edgeId(), "edge " + e.edgeId() + " could not sync: "
                + e.reason());
    }

    @EventHandler
    void on(DeploymentReady e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), null, "ready on edges " + String.join(", ", e.edges()));
    }

    @EventHandler
    void on(PropagationStalled e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), null, "propagation stalled waiting for edges "
                + String.join(", ", e.missingEdges()));
    }

    @EventHandler
    void on(DeploymentCancelled e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), null, "cancelled"
                + (e.reason() == null ? "" : ": " + e.reason()));
    }

    @EventHandler
    void on(RequiredEdgeDropped e, EventMessage<?> m, TrackingToken token) {
        step(m, token, e.projectId(), e.deploymentId(), e.edgeId(), "no longer waits for edge " + e.edgeId() + ": "
                + e.reason());
    }

    /** The deployment going live gets the step, and so does the one it replaced. */
    @EventHandler
    void on(RoutingCutOver e, EventMessage<?> m, TrackingToken token) {
        String previous = e.previousDeploymentId();
        boolean replaces = previous != null && !previous.equals(e.deploymentId());
        String message = (e.reason() == CutoverReason.ROLLBACK ? "routing rolled back: live again"
                : e.reason() == CutoverReason.PROMOTE ? "promoted: live" : "routing cut over: live")
                + (replaces ? ", replacing " + previous : "");
        List<Document> documents = new ArrayList<>();
        documents.add(document(m, "", token, 0, e.projectId(), e.deploymentId(), null, message));
        if (replaces) {
            documents.add(document(m, ":previous", token, 1, e.projectId(), previous, null, "replaced by "
                    + e.deploymentId() + (e.reason() == CutoverReason.ROLLBACK ? " (rollback)" : "")));
        }
        LogBatch.current(indices, projections, PROCESSOR).add(m, documents);
    }

    private void step(EventMessage<?> m, TrackingToken token, String projectId, String deploymentId, String edgeId,
            String message) {
        LogBatch.current(indices, projections, PROCESSOR).add(m, List.of(document(m, "", token, 0, projectId,
                deploymentId, edgeId, message)));
    }

    private Document document(EventMessage<?> m, String idSuffix, TrackingToken token, int index, String projectId,
            String deploymentId, String edgeId, String message) {
        return new Document(Indices.Kind.LOGS, m.getIdentifier() + idSuffix, m.getTimestamp(), new LogEntry(
                m.getTimestamp(), sortKey(token, index), LogEntry.TIMELINE, projectId, name(projectId), deploymentId,
                edgeId, m.getPayloadType().getSimpleName(), null, message, null, null, null, null, null, null));
    }

    private String name(String projectId) {
        if (projectId == null) {
            return null;
        }
        return names.computeIfAbsent(projectId, id -> jdbc.queryForList("select name from query.log_project "
                + "where project_id = ?", String.class, id).stream().findFirst().orElse(null));
    }

    /** Event-store order, then line order: ties of the same millisecond sort as they happened. */
    private static String sortKey(TrackingToken token, int index) {
        return String.format(Locale.ROOT, "e%019d:%06d", token.position().orElse(0), index);
    }
}
