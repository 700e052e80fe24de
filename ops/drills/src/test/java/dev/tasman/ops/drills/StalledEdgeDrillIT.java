package dev.tasman.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 7: an edge that is down never blocks cutover forever. The deployment stalls after the deadline
 * naming the edge and no edge switches; draining the edge lets the cutover proceed; the edge, restarted
 * and reactivated, syncs what is live before it counts again.
 */
class StalledEdgeDrillIT {

    private static final String HOST = "hello.localhost";

    @RegisterExtension
    static final RunningPlatform running = new RunningPlatform("--tasman.control.propagation.deadline=4s");

    @Test
    void aStoppedEdgeStallsTheDeploymentUntilDrainedAndRejoinsOnlyAfterSyncing() throws Exception {
        Platform platform = running.platform();
        Path root = running.root();
        String v1 = Drills.deploy(platform, "hello", Drills.site(root, 1));
        Drills.awaitState(platform, v1, "LIVE", Duration.ofSeconds(120));

        platform.edge("sin").part().stop();
        String v2 = Drills.deploy(platform, "hello", Drills.site(root, 2));
        Drills.awaitState(platform, v2, "STALLED", Duration.ofSeconds(120));

        JsonNode stalled = platform.deployment(v2);
        assertThat(stalled.path("failureReason").asText()).isEqualTo("waiting for edges: sin");
        assertThat(stalled.path("acknowledgedEdges").toString()).contains("syd", "mel").doesNotContain("sin");
        Map<String, String> served = Drills.servedBy(platform, HOST);
        assertThat(served).containsEntry("syd", v1).containsEntry("mel", v1);

        Http.Response drained = platform.api("POST", "/v1/edges/sin/drain", Map.of("reason", "drill: sin is down"));
        assertThat(drained.status()).as(drained.body()).isEqualTo(200);
        Drills.awaitState(platform, v2, "LIVE", Duration.ofSeconds(30));
        Drills.await("syd and mel serving v2", Duration.ofSeconds(10), () -> {
            Map<String, String> now = Drills.servedBy(platform, HOST);
            return v2.equals(now.get("syd")) && v2.equals(now.get("mel"));
        });

        platform.startEdge("sin");
        assertThat(platform.api("POST", "/v1/edges/sin/reactivate", null).status()).isEqualTo(200);
        platform.awaitEdgeState("sin", "ACTIVE", Duration.ofSeconds(60));
        assertThat(platform.api("GET", "/v1/edges/sin", null).json().path("holdings").toString())
                .as("active only once it holds what is live").contains(v2);
        Drills.await("every edge serving v2", Duration.ofSeconds(10),
                () -> Drills.servedBy(platform, HOST).equals(Drills.everyEdge(platform, v2)));
    }
}
