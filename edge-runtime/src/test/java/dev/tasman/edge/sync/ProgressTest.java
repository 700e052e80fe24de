package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.feed.EdgeProgress;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While an edge fetches a deployment it tells the control plane how far it is, for the CLI's progress bars. */
class ProgressTest {

    @RegisterExtension
    final SyncFixture edge = new SyncFixture();

    @Test
    void givenABlobThatArrivesLate_whenPropagated_thenProgressGrowsAndEndsWithEveryFilePresent() throws Exception {
        Published deployment = edge.publish("dpl_1", "prj_1",
                Map.of("a.html", "first", "b.html", "second file", "c.js", "third()"));
        ManifestFile late = deployment.manifest().files().stream().filter(file -> file.path().equals("b.html"))
                .findFirst().orElseThrow();
        CountDownLatch gate = edge.origin.holdBlob(late.sha256());
        long bytesTotal = deployment.manifest().files().stream().mapToLong(ManifestFile::size).sum();

        edge.propagate(deployment, "syd");

        Eventually.until("a report with every file but the held one present",
                () -> edge.origin.progress.stream().anyMatch(p -> p.filesPresent() == 2));
        gate.countDown();
        Eventually.until("a report with every file present", () -> edge.origin.progress.stream()
                .anyMatch(p -> p.filesPresent() == p.filesTotal()));
        Eventually.until("dpl_1 is acknowledged", () -> !edge.origin.acknowledgements.isEmpty());

        List<EdgeProgress> reports = List.copyOf(edge.origin.progress);
        assertThat(reports).allSatisfy(report -> {
            assertThat(report.deploymentId()).isEqualTo("dpl_1");
            assertThat(report.filesTotal()).isEqualTo(3);
            assertThat(report.bytesTotal()).isEqualTo(bytesTotal);
        });
        assertThat(reports.getFirst().filesPresent()).as("the first report comes before the held file").isLessThan(3);
        assertThat(reports).extracting(EdgeProgress::filesPresent).isSorted();
        assertThat(reports).extracting(EdgeProgress::bytesPresent).isSorted();
        assertThat(reports.getLast()).isEqualTo(new EdgeProgress("dpl_1", 3, 3, bytesTotal, bytesTotal));
    }

    @Test
    void givenTheControlPlaneRefusingProgress_whenPropagated_thenTheDeploymentIsStillHeldAndAcknowledged()
            throws InterruptedException {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello"));
        edge.origin.progressStatus(503);

        edge.propagate(deployment, "syd");

        edge.awaitHeld("dpl_1");
        Eventually.until("dpl_1 is acknowledged", () -> !edge.origin.acknowledgements.isEmpty());
        Thread.sleep(300); // long enough for retries to show
        // One file: at most two distinct reports (none present, all present), each sent once.
        assertThat(edge.origin.count("POST /v1/edge/progress")).as("a refused report is not retried")
                .isBetween(1L, 2L);
    }
}
