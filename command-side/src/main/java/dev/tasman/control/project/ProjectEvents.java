package dev.tasman.control.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasman.api.Json;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A project's events straight from the event store, as stored: type, revision, payload, metadata and
 * global position. Sealed variable values are shown as "(sealed)": ciphertext is still nobody's business.
 */
@Component
class ProjectEvents {

    private static final ObjectMapper JSON = Json.mapper();
    private final JdbcTemplate jdbc;

    ProjectEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<JsonNode> of(String projectId) {
        return jdbc.query("select globalindex, sequencenumber, payloadtype, payloadrevision, payload, metadata, "
                + "timestamp from domainevententry where aggregateidentifier = ? order by sequencenumber",
                (rs, row) -> {
                    ObjectNode entry = JSON.createObjectNode();
                    entry.put("position", rs.getLong("globalindex"));
                    entry.put("sequence", rs.getLong("sequencenumber"));
                    String type = rs.getString("payloadtype");
                    entry.put("type", type.substring(type.lastIndexOf('.') + 1));
                    entry.put("payloadType", type);
                    entry.put("revision", rs.getString("payloadrevision"));
                    entry.put("timestamp", rs.getString("timestamp"));
                    entry.set("payload", redact(read(rs.getString("payload"))));
                    entry.set("metadata", read(rs.getString("metadata")));
                    return entry;
                }, projectId);
    }

    private static JsonNode redact(JsonNode payload) {
        if (payload.path("value").has("ciphertext") && payload.get("value") instanceof ObjectNode value) {
            value.put("ciphertext", "(sealed)");
        }
        return payload;
    }

    private static JsonNode read(String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable event in the store: " + e.getMessage(), e);
        }
    }
}
