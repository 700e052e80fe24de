package dev.tasman.control.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.project.SealedSecret;
import dev.tasman.control.secrets.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A project's variables in the clear, for the one moment a build needs them. Folded from the event
 * store itself (the only place sealed values live) and opened with the platform key; never logged.
 */
@Component
public class ProjectSecrets {

    private static final ObjectMapper JSON = Json.mapper();
    private final JdbcTemplate jdbc;
    private final SecretBox secrets;

    ProjectSecrets(JdbcTemplate jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    public Map<String, String> openAll(String projectId) {
        Map<String, SealedSecret> sealed = new LinkedHashMap<>();
        jdbc.query("select payloadtype, payload from domainevententry where aggregateidentifier = ? "
                + "and payloadtype in ('dev.tasman.api.project.EnvironmentVariableSet', "
                + "'dev.tasman.api.project.EnvironmentVariableRemoved') order by sequencenumber", rs -> {
                    try {
                        JsonNode payload = JSON.readTree(rs.getString("payload"));
                        String name = payload.get("name").asText();
                        if (rs.getString("payloadtype").endsWith("Removed")) {
                            sealed.remove(name);
                        } else {
                            sealed.put(name, JSON.treeToValue(payload.get("value"), SealedSecret.class));
                        }
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("Unreadable variable event of project " + projectId, e);
                    }
                }, projectId);
        Map<String, String> open = new LinkedHashMap<>();
        sealed.forEach((name, value) -> open.put(name, secrets.open(projectId, name, value)));
        return open;
    }
}
