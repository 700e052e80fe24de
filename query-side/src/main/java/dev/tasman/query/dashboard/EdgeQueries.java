package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.instant;
import static dev.tasman.query.dashboard.Rows.nullableLong;

import dev.tasman.api.edge.EdgeState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Edges with what they hold and how far behind they are, read through the active generation's views. */
@Component
class EdgeQueries {

    /** Deployments still waiting for an edge: required, not acknowledged, not dropped. */
    private static final String WAITING = "from query.dashboard_deployment_edge w join query.dashboard_deployment d "
            + "on d.deployment_id = w.deployment_id where w.edge_id = e.edge_id and w.required "
            + "and w.acknowledged_at is null and d.state in ('PROPAGATING', 'STALLED')";

    private final JdbcTemplate jdbc;

    EdgeQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Holding(String deploymentId, String manifestDigest) {
    }

    record Acknowledgement(String deploymentId, Instant at, Long latencyMs) {
    }

    /**
     * @param lastSeenAt          the time of the latest event about the edge: registration, a state change,
     *                            a holdings report, an acknowledgement or a sync failure
     * @param holdings            what it last reported holding (for people other than admins: only deployments
     *                            of their own projects); {@code holdingsCount} counts all of them
     * @param waitingDeployments  deployments propagating or stalled that still wait for this edge
     * @param syncLagSeconds      how long the oldest of those has been waiting for it; absent when none waits
     * @param lastAcknowledgement its latest acknowledgement and how long after the propagation request it came
     */
    record EdgeDetails(String id, String region, String url, EdgeState state, String drainReason,
            Instant registeredAt, Instant stateChangedAt, Instant lastSeenAt, Instant holdingsReportedAt,
            int holdingsCount, List<Holding> holdings, int waitingDeployments, Long syncLagSeconds,
            Acknowledgement lastAcknowledgement) {
    }

    List<EdgeDetails> list(Visibility visibility, List<EdgeState> states, String afterId, int limit) {
        Where where = new Where().andIf(states(states), "e.state = any(?::text[])").andIf(afterId, "e.edge_id > ?");
        return jdbc.query("select e.*, (select count(*) from query.dashboard_edge_holding h "
                + "where h.edge_id = e.edge_id) holdings_count, (select count(*) " + WAITING + ") waiting, "
                + "(select extract(epoch from now() - min(d.propagation_requested_at))::bigint " + WAITING + ") lag "
                + "from query.dashboard_edge e" + where.sql() + " order by e.edge_id limit ?",
                (rs, row) -> details(rs, visibility), where.arguments(limit));
    }

    private EdgeDetails details(ResultSet rs, Visibility visibility) throws SQLException {
        String id = rs.getString("edge_id");
        Where where = new Where().and("h.edge_id = ?", id).visible(visibility, "d.project_id");
        List<Holding> holdings = jdbc.query("select h.deployment_id, h.manifest_digest from "
                + "query.dashboard_edge_holding h left join query.dashboard_deployment d "
                + "on d.deployment_id = h.deployment_id" + where.sql() + " order by h.deployment_id",
                (r, n) -> new Holding(r.getString(1), r.getString(2)), where.arguments());
        String acknowledged = rs.getString("last_ack_deployment_id");
        return new EdgeDetails(id, rs.getString("region"), rs.getString("url"),
                EdgeState.valueOf(rs.getString("state")), rs.getString("drain_reason"), instant(rs, "registered_at"),
                instant(rs, "state_changed_at"), instant(rs, "last_seen_at"), instant(rs, "holdings_reported_at"),
                rs.getInt("holdings_count"), holdings, rs.getInt("waiting"), nullableLong(rs, "lag"),
                acknowledged == null ? null : new Acknowledgement(acknowledged, instant(rs, "last_ack_at"),
                        nullableLong(rs, "last_ack_latency_ms")));
    }

    private static String[] states(List<EdgeState> states) {
        return states.stream().map(Enum::name).toArray(String[]::new);
    }
}
