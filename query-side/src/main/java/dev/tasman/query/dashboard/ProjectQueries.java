package dev.tasman.query.dashboard;

import static dev.tasman.query.dashboard.Rows.instant;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Projects as the dashboard lists and shows them, read through the active generation's views. */
@Component
class ProjectQueries {

    private static final String LATEST = "left join lateral (select d.deployment_id, d.state, d.queued_at from "
            + "query.dashboard_deployment d where d.project_id = p.project_id order by d.position desc limit 1) latest "
            + "on true ";

    private final JdbcTemplate jdbc;

    ProjectQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record LatestDeployment(String id, String state, Instant queuedAt) {
    }

    record ProjectSummary(String id, String name, String owner, String liveDeploymentId, Instant liveSince,
            List<String> domains, List<String> environmentVariables, LatestDeployment latestDeployment,
            Instant createdAt, Instant updatedAt) {
    }

    record BuildSettings(String installCommand, String buildCommand, String outputDirectory, String server) {
    }

    record Domain(String domain, Instant addedAt) {
    }

    /** A variable by name and when it was last set; its value is never stored on the query side. */
    record Variable(String name, Instant updatedAt) {
    }

    record Member(String subject, String role) {
    }

    record ProjectDetails(String id, String name, String owner, BuildSettings buildSettings,
            String liveDeploymentId, Instant liveSince, List<Domain> domains, List<Variable> environmentVariables,
            List<Member> members, Map<String, Integer> deploymentsByState, LatestDeployment latestDeployment,
            Instant createdAt, Instant updatedAt) {
    }

    /** Sorted by name; {@code afterName} is the last name of the previous page, {@code contains} a name filter. */
    List<ProjectSummary> list(Visibility visibility, String contains, String afterName, int limit) {
        Where where = new Where().visible(visibility, "p.project_id").andIf(afterName, "p.name > ?")
                .andIf(contains == null ? null : "%" + contains + "%", "p.name like ?"); // letters, digits, hyphens
        return jdbc.query("select p.*, latest.deployment_id latest_id, latest.state latest_state, "
                + "latest.queued_at latest_queued_at, "
                + "array(select x.domain from query.dashboard_project_domain x where x.project_id = p.project_id "
                + "order by x.domain) domains, "
                + "array(select v.name from query.dashboard_project_env v where v.project_id = p.project_id "
                + "order by v.name) variables "
                + "from query.dashboard_project p " + LATEST + where.sql() + " order by p.name limit ?",
                (rs, row) -> new ProjectSummary(rs.getString("project_id"),
                        rs.getString("name"), rs.getString("owner"), rs.getString("live_deployment_id"),
                        instant(rs, "live_since"), strings(rs.getArray("domains")),
                        strings(rs.getArray("variables")), latest(rs), instant(rs, "created_at"),
                        instant(rs, "updated_at")),
                where.arguments(limit));
    }

    Optional<ProjectDetails> find(String projectId) {
        return jdbc.query("select p.*, latest.deployment_id latest_id, latest.state latest_state, "
                + "latest.queued_at latest_queued_at from query.dashboard_project p " + LATEST
                + "where p.project_id = ?", (rs, row) -> details(rs), projectId).stream().findFirst();
    }

    private ProjectDetails details(ResultSet rs) throws SQLException {
        String id = rs.getString("project_id");
        List<Domain> domains = jdbc.query("select domain, added_at from query.dashboard_project_domain "
                + "where project_id = ? order by domain", (r, n) -> new Domain(r.getString(1), instant(r, "added_at")), id);
        List<Variable> variables = jdbc.query("select name, updated_at from query.dashboard_project_env "
                + "where project_id = ? order by name", (r, n) -> new Variable(r.getString(1), instant(r, "updated_at")),
                id);
        List<Member> members = jdbc.query("select subject, role from query.project_member where project_id = ? "
                + "order by subject", (r, n) -> new Member(r.getString(1), r.getString(2)), id);
        Map<String, Integer> byState = new LinkedHashMap<>();
        jdbc.query("select state, count(*) from query.dashboard_deployment where project_id = ? group by state "
                + "order by state", r -> {
                    byState.put(r.getString(1), r.getInt(2));
                }, id);
        return new ProjectDetails(id, rs.getString("name"), rs.getString("owner"),
                new BuildSettings(rs.getString("install_command"), rs.getString("build_command"),
                        rs.getString("output_directory"), rs.getString("server_entry")),
                rs.getString("live_deployment_id"), instant(rs, "live_since"), domains, variables, members, byState,
                latest(rs), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static LatestDeployment latest(ResultSet rs) throws SQLException {
        String id = rs.getString("latest_id");
        return id == null ? null : new LatestDeployment(id, rs.getString("latest_state"),
                instant(rs, "latest_queued_at"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
