package dev.tasman.ops.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invariant 2: an edge takes in a deployment only when every file matches its SHA-256. A blob changed in
 * origin after the build is refused by every edge, reported, never acknowledged, and never served.
 */
class TamperedBlobDrillIT {

    private static final String HOST = "hello.localhost";

    @RegisterExtension
    static final RunningPlatform running = new RunningPlatform();

    @Test
    void everyEdgeRefusesAndReportsATamperedBlobAndKeepsServingTheLiveVersion() throws Exception {
        Platform platform = running.platform();
        Path root = running.root();
        String v1 = Drills.deploy(platform, "hello", Drills.site(root, 1));
        Drills.awaitState(platform, v1, "LIVE", Duration.ofSeconds(120));
        for (Platform.Edge edge : platform.edges()) {
            edge.part().stop();
        }

        String v2 = Drills.deploy(platform, "hello", Drills.site(root, 2));
        Drills.awaitState(platform, v2, "PROPAGATING", Duration.ofSeconds(120));
        String tampered = tamperWithABlobOnlyIn(v2, v1);

        for (Platform.Edge edge : platform.edges()) {
            platform.startEdge(edge.id());
        }
        Drills.await("every edge reporting the tampered blob", Duration.ofSeconds(60),
                () -> platform.deployment(v2).path("syncFailures").size() >= Platform.EDGES.size());
        JsonNode deployment = platform.deployment(v2);
        assertThat(deployment.path("syncFailures").toString()).contains("syd", "mel", "sin")
                .contains(tampered.substring(0, 12));
        assertThat(deployment.path("acknowledgedEdges").size()).isZero();
        assertThat(deployment.path("state").asText()).isIn("PROPAGATING", "STALLED");
        assertThat(Drills.servedBy(platform, HOST)).isEqualTo(Drills.everyEdge(platform, v1));
    }

    /** Overwrites, in origin's blob store, one blob that {@code target} has and {@code other} does not. */
    private static String tamperWithABlobOnlyIn(String target, String other) throws Exception {
        Path origin = running.root().resolve("control/origin");
        Set<String> others = new HashSet<>(blobs(origin, other));
        String sha = blobs(origin, target).stream().filter(s -> !others.contains(s)).findFirst().orElseThrow();
        Path file = origin.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha.substring(2));
        assertThat(file).exists();
        Files.writeString(file, "<h1>defaced</h1>\n");
        return sha;
    }

    private static java.util.List<String> blobs(Path origin, String deployment) throws Exception {
        JsonNode manifest = Http.JSON.readTree(origin.resolve("manifests").resolve(deployment + ".json").toFile());
        java.util.List<String> shas = new java.util.ArrayList<>();
        manifest.path("files").forEach(file -> shas.add(file.path("sha256").asText()));
        return shas;
    }
}
