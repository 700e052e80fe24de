package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.api.feed.EdgeHoldings;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Item 9: the live deployment and the newest five per project stay; blobs go only when nothing held names them. */
class RetentionTest {

    @RegisterExtension
    final SyncFixture edge = new SyncFixture();

    @Test
    void givenEightDeploymentsWithTheSecondLive_whenAllAreHeld_thenLiveAndNewestFiveStayAndOnlyUnnamedBlobsGo() {
        Published other = edge.publish("dpl_other", "prj_2", Map.of("logo.svg", "logo of dpl_1"));
        edge.propagate(other, "syd");
        edge.awaitHeld("dpl_other");
        List<Boolean> manifestThereAtFirstReportWithout = new CopyOnWriteArrayList<>();
        edge.origin.onHoldings(report -> {
            boolean reportedBefore = edge.origin.holdings.stream().anyMatch(r -> heldIn(r).contains("dpl_1"));
            if (reportedBefore && !heldIn(report).contains("dpl_1") && manifestThereAtFirstReportWithout.isEmpty()) {
                manifestThereAtFirstReportWithout.add(Files.exists(edge.manifest("dpl_1")));
            }
        });
        List<Published> deployments = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            // logo.svg of dpl_1 is also a file of another project's deployment; style.css is in all eight
            String logo = n == 1 ? "logo of dpl_1" : "logo " + n;
            Published deployment = edge.publish("dpl_" + n, "prj_1",
                    Map.of("index.html", "version " + n, "style.css", "shared", "logo.svg", logo));
            deployments.add(deployment);
            edge.propagate(deployment, "syd");
            edge.awaitHeld("dpl_" + n);
            if (n == 2) {
                edge.switchTo(deployment);
            }
        }

        Eventually.until("dpl_1 and dpl_3 are evicted", () -> !edge.held("dpl_1") && !edge.held("dpl_3"));
        assertThat(edge.table().sites().keySet()).containsExactlyInAnyOrder("dpl_other", "dpl_2", "dpl_4", "dpl_5",
                "dpl_6", "dpl_7", "dpl_8");
        assertThat(edge.table().live()).containsEntry("prj_1", "dpl_2");
        Eventually.until("their files are deleted", () -> !Files.exists(edge.manifest("dpl_3")));
        assertThat(manifestThereAtFirstReportWithout).as("evicted files go after the smaller holdings are reported")
                .containsExactly(true);
        assertThat(edge.manifest("dpl_1")).doesNotExist();
        assertThat(edge.manifest("dpl_3")).doesNotExist();
        assertThat(edge.manifest("dpl_2")).exists();
        assertThat(edge.blob(sha(deployments.get(2), "index.html"))).as("only dpl_3 named it").doesNotExist();
        assertThat(edge.blob(sha(deployments.get(0), "index.html"))).as("only dpl_1 named it").doesNotExist();
        assertThat(edge.blob(sha(deployments.get(0), "logo.svg"))).as("dpl_other names it too").exists();
        assertThat(edge.blob(sha(deployments.get(0), "style.css"))).as("every deployment names it").exists();
        Eventually.until("the eviction is reported", () -> heldIn(edge.origin.holdings.getLast()).size() == 7);
        assertThat(heldIn(edge.origin.holdings.getLast())).doesNotContain("dpl_1", "dpl_3");
        assertThat(edge.sync.deploymentsHeld()).isEqualTo(7);
    }

    @Test
    void givenASupersededDeploymentStillFetching_whenNewerOnesAreHeld_thenItIsFinishedAcknowledgedAndThenEvicted()
            throws Exception {
        Published slow = edge.publish("dpl_0", "prj_1", Map.of("index.html", "slow"));
        CountDownLatch gate = edge.origin.holdBlob(slow.blobs().getFirst());
        edge.propagate(slow, "syd");
        Eventually.until("dpl_0 is being fetched", () -> edge.origin.blobRequests(slow.blobs().getFirst()) == 1);
        for (int n = 1; n <= 6; n++) {
            Published newer = edge.publish("dpl_" + n, "prj_1", Map.of("index.html", "version " + n));
            edge.propagate(newer, "syd");
            edge.awaitHeld("dpl_" + n);
        }

        gate.countDown();

        Eventually.until("dpl_0 is acknowledged", () -> edge.origin.acknowledgements.stream()
                .anyMatch(ack -> ack.deploymentId().equals("dpl_0")));
        Eventually.until("dpl_0 is evicted", () -> !edge.held("dpl_0")
                && !Files.exists(edge.manifest("dpl_0")));
        assertThat(edge.table().sites().keySet()).containsExactlyInAnyOrder("dpl_2", "dpl_3", "dpl_4", "dpl_5",
                "dpl_6");
    }

    @Test
    void givenFewerThanFiveToRetain_whenConfigured_thenRefused() {
        assertThat(SyncFixture.options().withRetain(6).retain()).isEqualTo(6);
        assertThatThrownBy(() -> SyncFixture.options().withRetain(4)).hasMessageContaining("at least 5");
    }

    private static List<String> heldIn(EdgeHoldings holdings) {
        return holdings.deployments().stream().map(EdgeHoldings.Held::deploymentId).toList();
    }

    private static String sha(Published deployment, String path) {
        return deployment.manifest().files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow()
                .sha256();
    }
}
