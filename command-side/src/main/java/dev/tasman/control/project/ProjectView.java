package dev.tasman.control.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.api.project.BuildSettingsUpdated;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.DomainRemoved;
import dev.tasman.api.project.EnvironmentVariableRemoved;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.ProjectRoleGranted;
import dev.tasman.api.project.ProjectRoleRevoked;
import dev.tasman.api.project.RoutingCutOver;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The control plane's own view of projects, kept in the command's transaction (processing group
 * {@code control-views}). Answers the API and authorisation; holds variable names, never values.
 */
@Component
@ProcessingGroup("control-views")
public class ProjectView {

    private static final ObjectMapper JSON = Json.mapper();
    private final JdbcTemplate jdbc;

    ProjectView(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Summary(String id, String name, String owner, String liveDeploymentId, Instant createdAt,
            Instant updatedAt) {
    }

    public record Details(String id, String name, String owner, BuildSettings buildSettings,
            String liveDeploymentId, List<String> domains, List<Variable> environment, List<Member> members,
            Instant createdAt, Instant updatedAt) {
    }

    public record Variable(String name, Instant updatedAt) {
    }

    public record Member(String subject, ProjectRole role) {
    }

    @EventHandler
    void on(ProjectCreated event, @Timestamp Instant at) {
        jdbc.update("insert into project_view (project_id, name, owner, build_settings, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?)", event.projectId(), event.name(), event.owner(),
                json(BuildSettings.defaults()), ts(at), ts(at));
        jdbc.update("insert into project_member_view (project_id, subject, role) values (?, ?, ?)",
                event.projectId(), event.owner(), ProjectRole.OWNER.name());
    }

    @EventHandler
    void on(BuildSettingsUpdated event, @Timestamp Instant at) {
        jdbc.update("update project_view set build_settings = ?, updated_at = ? where project_id = ?",
                json(event.settings()), ts(at), event.projectId());
    }

    @EventHandler
    void on(EnvironmentVariableSet event, @Timestamp Instant at) {
        jdbc.update("insert into project_env_view (project_id, name, updated_at) values (?, ?, ?) "
                + "on conflict (project_id, name) do update set updated_at = excluded.updated_at",
                event.projectId(), event.name(), ts(at));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(EnvironmentVariableRemoved event, @Timestamp Instant at) {
        jdbc.update("delete from project_env_view where project_id = ? and name = ?", event.projectId(), event.name());
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(DomainAdded event, @Timestamp Instant at) {
        jdbc.update("insert into project_domain_view (domain, project_id, added_at) values (?, ?, ?)",
                event.domain(), event.projectId(), ts(at));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(DomainRemoved event, @Timestamp Instant at) {
        jdbc.update("delete from project_domain_view where domain = ?", event.domain());
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(ProjectRoleGranted event, @Timestamp Instant at) {
        jdbc.update("insert into project_member_view (project_id, subject, role) values (?, ?, ?) "
                + "on conflict (project_id, subject) do update set role = excluded.role",
                event.projectId(), event.subject(), event.role().name());
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(ProjectRoleRevoked event, @Timestamp Instant at) {
        jdbc.update("delete from project_member_view where project_id = ? and subject = ?", event.projectId(),
                event.subject());
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(RoutingCutOver event, @Timestamp Instant at) {
        jdbc.update("update project_view set live_deployment_id = ?, updated_at = ? where project_id = ?",
                event.deploymentId(), ts(at), event.projectId());
    }

    /** By id or by name, as the API accepts either. */
    public Optional<String> resolve(String idOrName) {
        return jdbc.query("select project_id from project_view where project_id = ? or name = ?",
                (rs, row) -> rs.getString(1), idOrName, idOrName).stream().findFirst();
    }

    public Optional<Details> find(String projectId) {
        return jdbc.query("select * from project_view where project_id = ?", (rs, row) -> new Details(
                rs.getString("project_id"), rs.getString("name"), rs.getString("owner"),
                settings(rs.getString("build_settings")), rs.getString("live_deployment_id"),
                jdbc.queryForList("select domain from project_domain_view where project_id = ? order by domain",
                        String.class, projectId),
                jdbc.query("select name, updated_at from project_env_view where project_id = ? order by name",
                        (r, i) -> new Variable(r.getString(1), r.getTimestamp(2).toInstant()), projectId),
                jdbc.query("select subject, role from project_member_view where project_id = ? order by subject",
                        (r, i) -> new Member(r.getString(1), ProjectRole.valueOf(r.getString(2))), projectId),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()), projectId)
                .stream().findFirst();
    }

    /** Every project for admins; otherwise those the subject holds a role in. */
    public List<Summary> list(String subject, boolean all, int limit, int offset) {
        String sql = "select p.* from project_view p"
                + (all ? "" : " join project_member_view m on m.project_id = p.project_id and m.subject = ?")
                + " order by p.name limit ? offset ?";
        Object[] args = all ? new Object[] {limit, offset} : new Object[] {subject, limit, offset};
        return jdbc.query(sql, (rs, row) -> new Summary(rs.getString("project_id"), rs.getString("name"),
                rs.getString("owner"), rs.getString("live_deployment_id"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant()), args);
    }

    public Optional<Variable> variable(String projectId, String name) {
        return jdbc.query("select name, updated_at from project_env_view where project_id = ? and name = ?",
                (r, i) -> new Variable(r.getString(1), r.getTimestamp(2).toInstant()), projectId, name)
                .stream().findFirst();
    }

    /** The roles each subject holds in a project. */
    public Map<String, ProjectRole> roles(String projectId) {
        return jdbc.query("select subject, role from project_member_view where project_id = ?",
                (r, i) -> Map.entry(r.getString(1), ProjectRole.valueOf(r.getString(2))), projectId).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void touch(String projectId, Instant at) {
        jdbc.update("update project_view set updated_at = ? where project_id = ?", ts(at), projectId);
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static String json(BuildSettings settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BuildSettings settings(String json) {
        try {
            return JSON.readValue(json, BuildSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
