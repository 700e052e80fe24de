package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.ts;

import dev.tasman.api.project.BuildSettings;
import dev.tasman.api.project.BuildSettingsUpdated;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.DomainRemoved;
import dev.tasman.api.project.EnvironmentVariableRemoved;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.RoutingCutOver;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

/** Projects: name, owner, build settings, live deployment, domains, and the names of their variables. */
class ProjectProjection {

    private final JdbcTemplate jdbc;
    private final String project;
    private final String domain;
    private final String env;

    ProjectProjection(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.project = schema + ".project";
        this.domain = schema + ".project_domain";
        this.env = schema + ".project_env";
    }

    @EventHandler
    void on(ProjectCreated event, @Timestamp Instant at) {
        jdbc.update("insert into " + project + " (project_id, name, owner, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?) on conflict do nothing", event.projectId(), event.name(), event.owner(),
                ts(at), ts(at));
    }

    @EventHandler
    void on(BuildSettingsUpdated event, @Timestamp Instant at) {
        BuildSettings settings = event.settings() == null ? BuildSettings.defaults() : event.settings();
        jdbc.update("update " + project + " set install_command = ?, build_command = ?, output_directory = ?, "
                + "server_entry = ?, updated_at = ? where project_id = ?", settings.installCommand(),
                settings.buildCommand(), settings.outputDirectory(), settings.server(), ts(at), event.projectId());
    }

    /** The name and when it was set; the sealed value is not even read. */
    @EventHandler
    void on(EnvironmentVariableSet event, @Timestamp Instant at) {
        jdbc.update("insert into " + env + " (project_id, name, updated_at) values (?, ?, ?) "
                + "on conflict (project_id, name) do update set updated_at = excluded.updated_at", event.projectId(),
                event.name(), ts(at));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(EnvironmentVariableRemoved event, @Timestamp Instant at) {
        jdbc.update("delete from " + env + " where project_id = ? and name = ?", event.projectId(), event.name());
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(DomainAdded event, @Timestamp Instant at) {
        jdbc.update("insert into " + domain + " (domain, project_id, added_at) values (?, ?, ?) "
                + "on conflict (domain) do update set project_id = excluded.project_id, added_at = excluded.added_at",
                event.domain(), event.projectId(), ts(at));
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(DomainRemoved event, @Timestamp Instant at) {
        jdbc.update("delete from " + domain + " where domain = ? and project_id = ?", event.domain(),
                event.projectId());
        touch(event.projectId(), at);
    }

    @EventHandler
    void on(RoutingCutOver event, @Timestamp Instant at) {
        jdbc.update("update " + project + " set live_deployment_id = ?, live_since = ?, updated_at = ? "
                + "where project_id = ?", event.deploymentId(), ts(at), ts(at), event.projectId());
    }

    private void touch(String projectId, Instant at) {
        jdbc.update("update " + project + " set updated_at = ? where project_id = ?", ts(at), projectId);
    }
}
