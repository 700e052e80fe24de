package dev.tasman.query.access;

import dev.tasman.api.access.TokenIssued;
import dev.tasman.api.access.TokenRevoked;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.ProjectRoleGranted;
import dev.tasman.api.project.ProjectRoleRevoked;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tokens (by hash only, as issued by the control plane), project names and project roles: what the query side
 * needs to decide who sees what. Kept apart from the dashboard so a dashboard replay never touches who may log in.
 */
class AccessProjection {

    private final JdbcTemplate jdbc;

    AccessProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TokenIssued event) {
        jdbc.update("insert into query.api_token (token_id, token_hash, subject, kind, edge_id) "
                + "values (?, ?, ?, ?, ?) on conflict (token_id) do update set edge_id = excluded.edge_id",
                event.tokenId(), event.tokenHash(), event.subject(), event.kind().name(), event.edgeId());
    }

    @EventHandler
    void on(TokenRevoked event, @Timestamp Instant at) {
        jdbc.update("update query.api_token set revoked_at = ? where token_id = ?", java.sql.Timestamp.from(at),
                event.tokenId());
    }

    @EventHandler
    void on(ProjectCreated event) {
        jdbc.update("insert into query.access_project (project_id, name) values (?, ?) on conflict do nothing",
                event.projectId(), event.name());
        grant(event.projectId(), event.owner(), ProjectRole.OWNER);
    }

    @EventHandler
    void on(ProjectRoleGranted event) {
        grant(event.projectId(), event.subject(), event.role());
    }

    @EventHandler
    void on(ProjectRoleRevoked event) {
        jdbc.update("delete from query.project_member where project_id = ? and subject = ?", event.projectId(),
                event.subject());
    }

    private void grant(String projectId, String subject, ProjectRole role) {
        jdbc.update("insert into query.project_member (project_id, subject, role) values (?, ?, ?) "
                + "on conflict (project_id, subject) do update set role = excluded.role", projectId, subject,
                role.name());
    }
}
