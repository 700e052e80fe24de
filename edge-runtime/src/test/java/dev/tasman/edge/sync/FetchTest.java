package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.feed.DeploymentWithdrawn;
import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invariant 2 on one edge: only a verified manifest and verified blobs make a deployment held and acknowledged. */
class FetchTest {

    @RegisterExtension
    final SyncFixture edge = new SyncFixture();

    @Test
    void givenARequiredDeployment_whenPropagated_thenAcknowledgedOnlyOnceManifestBlobsAndStateAreOnDisk() {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "<h1>hello</h1>", "app.js", "go()"));
        List<String> notOnDisk = new CopyOnWriteArrayList<>();
        edge.origin.onAcknowledgement(ack -> {
            if (!Files.exists(edge.manifest(ack.deploymentId()))) {
                notOnDisk.add("manifest");
            }
            deployment.blobs().stream().filter(sha -> !Files.exists(edge.blob(sha))).forEach(notOnDisk::add);
            if (!read(edge.data.resolve("state.json")).contains("\"deploymentId\" : \"dpl_1\"")) {
                notOnDisk.add("state.json");
            }
        });

        edge.propagate(deployment, "mel", "syd");

        Eventually.until("dpl_1 is acknowledged", () -> !edge.origin.acknowledgements.isEmpty());
        assertThat(edge.origin.acknowledgements).containsExactly(new EdgeAcknowledgement("dpl_1", deployment.digest()));
        assertThat(notOnDisk).as("missing from disk when the acknowledgement arrived").isEmpty();
        assertThat(edge.held("dpl_1")).isTrue();
        assertThat(deployment.blobs()).hasSize(3); // two files and the script's precompressed variant
        assertThat(edge.origin.holdings.getLast().deployments()).extracting(h -> h.deploymentId())
                .containsExactly("dpl_1");
        assertThat(edge.sync.deploymentsHeld()).isEqualTo(1);
        assertThat(edge.sync.cacheBytes()).isPositive();
    }

    @Test
    void givenThisEdgeIsNotRequired_whenPropagated_thenHeldButNotAcknowledged() {
        Published notRequired = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        Published required = edge.publish("dpl_2", "prj_1", Map.of("index.html", "two"));

        edge.propagate(notRequired, "mel");
        edge.awaitHeld("dpl_1");
        edge.propagate(required, "syd");

        // Callbacks go out in order: had dpl_1 been acknowledged, that would have come first.
        Eventually.until("dpl_2 is acknowledged", () -> !edge.origin.acknowledgements.isEmpty());
        assertThat(edge.origin.acknowledgements).extracting(EdgeAcknowledgement::deploymentId).containsExactly("dpl_2");
    }

    @Test
    void givenAManifestChangedAfterSigning_whenPropagated_thenRejectedReportedOnceAndNeitherHeldNorAcknowledged()
            throws InterruptedException {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello"));
        edge.origin.tamperManifest("dpl_1");

        edge.propagate(deployment, "syd");

        Eventually.until("the failure is reported", () -> !edge.origin.failures.isEmpty());
        assertThat(edge.origin.failures.getFirst().deploymentId()).isEqualTo("dpl_1");
        assertThat(edge.origin.failures.getFirst().reason()).contains("hashes to").contains(deployment.digest());
        assertNothingTakenIn(deployment);
    }

    @Test
    void givenAManifestSignedByAnotherKey_whenPropagated_thenRejectedAndReported() throws InterruptedException {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello"));
        edge.origin.forgeSignature("dpl_1");

        edge.propagate(deployment, "syd");

        Eventually.until("the failure is reported", () -> !edge.origin.failures.isEmpty());
        assertThat(edge.origin.failures.getFirst().reason()).contains("signature");
        assertNothingTakenIn(deployment);
    }

    @Test
    void givenABlobWhoseBytesAreNotItsName_whenPropagated_thenRejectedReportedAndNoTemporaryFileLeft()
            throws Exception {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello", "about.html", "about"));
        String tampered = deployment.manifest().files().getFirst().sha256();
        edge.origin.tamperBlob(tampered);

        edge.propagate(deployment, "syd");

        Eventually.until("the failure is reported", () -> !edge.origin.failures.isEmpty());
        assertThat(edge.origin.failures.getFirst().reason()).contains(tampered).contains("tampered");
        assertThat(Files.exists(edge.blob(tampered))).isFalse();
        try (Stream<Path> temporary = Files.list(edge.data.resolve("blobs").resolve("tmp"))) {
            assertThat(temporary).isEmpty();
        }
        assertNothingTakenIn(deployment);
        assertThat(edge.origin.blobRequests(tampered)).as("a mismatch is not retried at once").isEqualTo(1);
    }

    @Test
    void givenASecondDeploymentSharingFiles_whenPropagated_thenOnlyItsNewBlobsAreFetched() {
        Published first = edge.publish("dpl_1", "prj_1", Map.of("index.html", "same", "a.html", "one"));
        Published second = edge.publish("dpl_2", "prj_1", Map.of("index.html", "same", "b.html", "two"));
        edge.propagate(first, "syd");
        edge.awaitHeld("dpl_1");

        edge.propagate(second, "syd");
        edge.awaitHeld("dpl_2");

        for (String sha : Stream.concat(first.blobs().stream(), second.blobs().stream()).distinct().toList()) {
            assertThat(edge.origin.blobRequests(sha)).as("requests for blob %s", sha).isEqualTo(1);
        }
    }

    @Test
    void givenOriginAnswering503Twice_whenPropagated_thenRetriedWithBackoffAndHeld() {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello"));
        String sha = deployment.blobs().getFirst();
        edge.origin.failBlob(sha, 503, 503);

        edge.propagate(deployment, "syd");

        edge.awaitHeld("dpl_1");
        assertThat(edge.origin.blobRequests(sha)).isEqualTo(3);
        assertThat(edge.origin.failures).isEmpty();
        Eventually.until("dpl_1 is acknowledged", () -> !edge.origin.acknowledgements.isEmpty());
    }

    @Test
    void givenADeploymentBeingFetched_whenWithdrawn_thenTheFetchStopsAndNothingIsAcknowledged() throws Exception {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello"));
        CountDownLatch gate = edge.origin.holdBlob(deployment.blobs().getFirst());
        edge.propagate(deployment, "syd");
        Eventually.until("the blob is asked for", () -> edge.origin.blobRequests(deployment.blobs().getFirst()) == 1);

        edge.feed(new DeploymentWithdrawn("dpl_1", "prj_1", "cancelled"));
        gate.countDown();

        Thread.sleep(300);
        assertThat(edge.held("dpl_1")).isFalse();
        assertThat(Files.exists(edge.manifest("dpl_1"))).isFalse();
        assertThat(edge.origin.acknowledgements).isEmpty();
        assertThat(edge.origin.failures).isEmpty();
    }

    private void assertNothingTakenIn(Published deployment) throws InterruptedException {
        Thread.sleep(300); // long enough for a hot loop to show, far shorter than the retry backoff
        assertThat(edge.origin.failures).hasSize(1);
        assertThat(edge.origin.count("GET /v1/origin/manifests/" + deployment.deploymentId())).isEqualTo(1);
        assertThat(edge.origin.acknowledgements).isEmpty();
        assertThat(edge.held(deployment.deploymentId())).isFalse();
        assertThat(Files.exists(edge.manifest(deployment.deploymentId()))).isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
