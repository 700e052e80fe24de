package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane as a real process on its own embedded PostgreSQL: stopped, or killed with SIGKILL,
 * and started again on the same data directory, it has lost nothing.
 */
class RestartIT {

    @TempDir
    Path data;

    @Test
    void stateSurvivesAStopAndAKillAndTheFirstAdminTokenKeepsWorking() throws Exception {
        String adminToken;
        String projectId;
        JsonNode before;
        try (ControlPlaneProcess first = ControlPlaneProcess.start(data)) {
            adminToken = Files.readString(data.resolve("admin-token")).trim();
            assertThat(first.output()).as("the log names the token file, never the token")
                    .contains(data.resolve("admin-token").toAbsolutePath().toString()).doesNotContain(adminToken);
            Api api = new Api(first.url());
            projectId = api.post("/v1/projects", adminToken, Api.json(Map.of("name", "durable"))).json().get("id").asText();
            api.put("/v1/projects/durable/env/API_KEY", adminToken, Api.json(Map.of("value", "kept")));
            api.post("/v1/projects/durable/domains", adminToken, Api.json(Map.of("domain", "durable.example.com")));
            before = api.get("/v1/projects/durable", adminToken).json();
            first.stop();
        }

        try (ControlPlaneProcess second = ControlPlaneProcess.start(data)) {
            Api api = new Api(second.url());
            assertThat(Files.readString(data.resolve("admin-token")).trim()).isEqualTo(adminToken);
            assertThat(api.get("/v1/projects/durable", adminToken).json()).isEqualTo(before);
            // work goes on: the name stays claimed, new commands append after the old events
            assertThat(api.post("/v1/projects", adminToken, Api.json(Map.of("name", "durable"))).status()).isEqualTo(409);
            assertThat(api.post("/v1/projects/durable/domains", adminToken,
                    Api.json(Map.of("domain", "www.durable.example.com"))).status()).isEqualTo(201);
            second.kill();
        }

        try (ControlPlaneProcess third = ControlPlaneProcess.start(data)) {
            Api api = new Api(third.url());
            JsonNode after = api.get("/v1/projects/" + projectId, adminToken).json();
            assertThat(after.get("domains").findValuesAsText("domain")).isEmpty();
            assertThat(after.get("domains")).hasSize(2);
            assertThat(after.get("environment").get(0).get("name").asText()).isEqualTo("API_KEY");
            assertThat(api.get("/v1/projects/durable/events", adminToken).json()).hasSize(4);
        }
    }
}
