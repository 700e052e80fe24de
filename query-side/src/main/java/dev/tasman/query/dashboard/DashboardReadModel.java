package dev.tasman.query.dashboard;

import dev.tasman.query.replay.ReadModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The dashboard: projects, deployments with their per-edge progress, edges, and the activity feed. */
@Component
class DashboardReadModel implements ReadModel {

    static final String NAME = "dashboard";
    private static final List<String> TABLES = List.of("project", "project_domain", "project_env", "deployment",
            "deployment_edge", "sync_failure", "edge", "edge_holding", "activity");

    private final JdbcTemplate jdbc;
    private final DeploymentChanges changes;
    private final String ddl;

    DashboardReadModel(JdbcTemplate jdbc, DeploymentChanges changes) throws IOException {
        this.jdbc = jdbc;
        this.changes = changes;
        try (InputStream in = new ClassPathResource("read-models/dashboard.sql").getInputStream()) {
            this.ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public String ddl(String schema) {
        return ddl.replace("{schema}", schema);
    }

    @Override
    public List<Object> projections(String schema) {
        return List.of(new ProjectProjection(jdbc, schema), new DeploymentProjection(jdbc, schema, changes),
                new EdgeProjection(jdbc, schema), new ActivityProjection(jdbc, schema));
    }
}
