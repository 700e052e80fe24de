package dev.tasman.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 6 and "nothing lost": with the control plane killed mid-propagation, edges (even restarted
 * ones) keep serving their last routing from disk; once it is back, the propagation completes.
 */
class ControlPlaneOutageDrillIT {

    private static final String HOST = "hello.localhost";

    @RegisterExtension
    static final RunningPlatform running = new RunningPlatform();

    @Test
    void edgesServeFromDiskWhileTheControlPlaneIsDownAndThePropagationCompletesAfterItsRestart() throws Exception {
        Platform platform = running.platform();
        Path root = running.root();
        String v1 = Drills.deploy(platform, "hello", Drills.site(root, 1));
        Drills.awaitState(platform, v1, "LIVE", Duration.ofSeconds(120));
        Drills.await("every edge serving v1", Duration.ofSeconds(10),
                () -> Drills.servedBy(platform, HOST).equals(Drills.everyEdge(platform, v1)));

        platform.edge("sin").part().stop();
        String v2 = Drills.deploy(platform, "hello", Drills.site(root, 2));
        Drills.await("syd and mel acknowledged v2", Duration.ofSeconds(120),
                () -> platform.deployment(v2).path("acknowledgedEdges").size() == 2);
        platform.controlPlane().kill();

        platform.edge("syd").part().stop();
        platform.startEdge("syd");
        platform.startEdge("sin");
        assertThat(Http.site(platform.edge("syd").url(), HOST, "/_tasman/health", Map.of()).status()).isEqualTo(200);
        assertThat(Drills.servedBy(platform, HOST)).as("last routing, from disk, control plane down")
                .isEqualTo(Drills.everyEdge(platform, v1));

        platform.startControlPlane();
        Drills.awaitState(platform, v2, "LIVE", Duration.ofSeconds(120));
        Drills.await("every edge serving v2", Duration.ofSeconds(20),
                () -> Drills.servedBy(platform, HOST).equals(Drills.everyEdge(platform, v2)));
    }
}
