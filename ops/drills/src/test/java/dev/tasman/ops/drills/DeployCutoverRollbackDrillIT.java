package dev.tasman.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariants 1, 3 and 4 with three real edges: a deployment is served by no edge before every edge has
 * acknowledged it, then by all; under load during cutover and rollback no request fails and no page mixes
 * versions; a rollback moves routing only (the origin serves no blob for it).
 */
class DeployCutoverRollbackDrillIT {

    private static final String HOST = "hello.localhost";

    @RegisterExtension
    static final RunningPlatform running = new RunningPlatform();

    @Test
    void deployV1ThenV2UnderLoadThenRollBack() throws Exception {
        Platform platform = running.platform();
        Path root = running.root();
        String v1 = Drills.deploy(platform, "hello", Drills.site(root, 1));
        Drills.awaitState(platform, v1, "LIVE", Duration.ofSeconds(120));
        Drills.await("every edge serving v1", Duration.ofSeconds(10),
                () -> Drills.servedBy(platform, HOST).equals(Drills.everyEdge(platform, v1)));

        try (SiteLoad load = new SiteLoad(platform, HOST)) {
            String v2 = Drills.deploy(platform, "hello", Drills.site(root, 2));
            List<String> early = new ArrayList<>();
            // Whenever any edge serves v2, the control plane must already have every edge's acknowledgement.
            Drills.await("every edge serving v2", Duration.ofSeconds(120), () -> {
                Map<String, String> served = Drills.servedBy(platform, HOST);
                if (served.containsValue(v2)) {
                    JsonNode deployment = platform.deployment(v2);
                    if (!deployment.path("state").asText().equals("LIVE")
                            || deployment.path("acknowledgedEdges").size() < Platform.EDGES.size()) {
                        early.add(served + " while v2 was " + deployment);
                    }
                }
                return served.equals(Drills.everyEdge(platform, v2));
            });
            assertThat(early).as("an edge served v2 before every edge acknowledged it").isEmpty();
            JsonNode live = platform.deployment(v2);
            assertThat(live.path("acknowledgedEdges").toString()).contains("syd", "mel", "sin");
            assertThat(platform.deployment(v1).path("state").asText()).isEqualTo("SUPERSEDED");

            Thread.sleep(500);
            long blobsBefore = platform.blobRequests();
            Http.Response rolledBack = platform.api("POST", "/v1/projects/hello/rollback", null);
            assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
            assertThat(rolledBack.json().get("liveDeploymentId").asText()).isEqualTo(v1);
            Drills.await("every edge serving v1 again", Duration.ofSeconds(10),
                    () -> Drills.servedBy(platform, HOST).equals(Drills.everyEdge(platform, v1)));
            Thread.sleep(500);
            assertThat(platform.blobRequests()).as("a rollback fetches no blob").isEqualTo(blobsBefore);

            load.close();
            assertThat(load.problems()).as("failed or mixed responses under load").isEmpty();
            assertThat(load.pages()).isGreaterThan(30);
            assertThat(load.versionsSeen().keySet()).contains("syd:v2", "mel:v2", "sin:v2");
        }
    }
}
