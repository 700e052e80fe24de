package dev.tasman.control.edge;

import dev.tasman.api.edge.EdgeActivated;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeReactivated;
import dev.tasman.api.edge.EdgeHoldingsReported;
import dev.tasman.api.edge.EdgeRegistered;
import dev.tasman.control.project.EdgeHoldings;
import dev.tasman.api.edge.EdgeState;
import dev.tasman.control.deployment.EdgeDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The edges the control plane knows, in the command's transaction: the API's list and the edge directory. */
@Component
@ProcessingGroup("control-views")
public class EdgeView implements EdgeDirectory, EdgeHoldings {

    private final JdbcTemplate jdbc;

    EdgeView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param holdings deployments the edge last reported holding complete and verified */
    public record Details(String id, String region, String url, EdgeState state, List<String> holdings,
            Instant holdingsReportedAt, Instant registeredAt, Instant updatedAt) {
    }

    @EventHandler
    void on(EdgeRegistered event, @Timestamp Instant at) {
        jdbc.update("insert into edge_view (edge_id, region, url, state, registered_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?)", event.edgeId(), event.region(), event.url(), EdgeState.JOINING.name(),
                java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(EdgeActivated event, @Timestamp Instant at) {
        state(event.edgeId(), EdgeState.ACTIVE, at);
    }

    @EventHandler
    void on(EdgeDrained event, @Timestamp Instant at) {
        state(event.edgeId(), EdgeState.DRAINED, at);
    }

    @EventHandler
    void on(EdgeReactivated event, @Timestamp Instant at) {
        state(event.edgeId(), EdgeState.JOINING, at);
    }

    @EventHandler
    void on(EdgeHoldingsReported event, @Timestamp Instant at) {
        jdbc.update("delete from edge_holding_view where edge_id = ?", event.edgeId());
        jdbc.batchUpdate("insert into edge_holding_view (edge_id, deployment_id, manifest_digest) values (?, ?, ?)",
                event.deployments().stream()
                        .map(d -> new Object[] {event.edgeId(), d.deploymentId(), d.manifestDigest()}).toList());
        jdbc.update("update edge_view set holdings_reported_at = ? where edge_id = ?", java.sql.Timestamp.from(at),
                event.edgeId());
    }

    @Override
    public List<String> activeEdgesWithout(String deploymentId) {
        return jdbc.queryForList("select e.edge_id from edge_view e where e.state = ? and not exists ("
                + "select 1 from edge_holding_view h where h.edge_id = e.edge_id and h.deployment_id = ?) "
                + "order by e.edge_id", String.class, EdgeState.ACTIVE.name(), deploymentId);
    }

    /** Deployment ids the edge last reported holding. */
    public List<String> holdings(String edgeId) {
        return jdbc.queryForList("select deployment_id from edge_holding_view where edge_id = ? order by deployment_id",
                String.class, edgeId);
    }

    @Override
    public Optional<EdgeState> stateOf(String edgeId) {
        return find(edgeId).map(Details::state);
    }

    public Optional<Details> find(String edgeId) {
        return jdbc.query("select * from edge_view where edge_id = ?", this::details, edgeId).stream().findFirst();
    }

    public List<Details> list() {
        return jdbc.query("select * from edge_view order by edge_id", this::details);
    }

    /** The edges a new deployment must reach before it may go live. */
    public List<String> active() {
        return jdbc.queryForList("select edge_id from edge_view where state = ? order by edge_id", String.class,
                EdgeState.ACTIVE.name());
    }

    private void state(String edgeId, EdgeState state, Instant at) {
        jdbc.update("update edge_view set state = ?, updated_at = ? where edge_id = ?", state.name(),
                java.sql.Timestamp.from(at), edgeId);
    }

    private Details details(ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp reported = rs.getTimestamp("holdings_reported_at");
        return new Details(rs.getString("edge_id"), rs.getString("region"), rs.getString("url"),
                EdgeState.valueOf(rs.getString("state")), holdings(rs.getString("edge_id")),
                reported == null ? null : reported.toInstant(), rs.getTimestamp("registered_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
