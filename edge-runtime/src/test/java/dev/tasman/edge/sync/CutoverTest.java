package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.feed.DomainAttached;
import dev.tasman.api.feed.DomainDetached;
import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.routing.Site;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invariants 3 and 6: routing changes in one swap, only to held deployments, and survives a restart. */
class CutoverTest {

    @RegisterExtension
    final SyncFixture edge = new SyncFixture();

    @BeforeEach
    void start() {
        edge.announce("prj_1", "hello");
    }

    @Test
    void givenADeploymentNotHeldYet_whenRoutingSwitchesToIt_thenTheSwitchWaitsUntilItIsHeld() throws Exception {
        Published first = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        CountDownLatch gate = edge.origin.holdBlob(first.blobs().getFirst());
        edge.propagate(first, "mel");

        edge.switchTo(first);

        assertThat(edge.table().projectFor("hello.localhost")).contains("prj_1");
        assertThat(edge.table().liveSiteFor("hello.localhost")).as("live before held").isEmpty();
        gate.countDown();
        Eventually.until("hello is served by dpl_1", () -> edge.table().liveSiteFor("hello.localhost")
                .map(Site::deploymentId).filter("dpl_1"::equals).isPresent());
    }

    @Test
    void givenAPendingSwitch_whenALaterSwitchNamesAHeldDeployment_thenTheLaterOneWins() throws Exception {
        Published first = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        Published second = edge.publish("dpl_2", "prj_1", Map.of("index.html", "two"));
        edge.propagate(first, "syd");
        edge.switchTo(first);
        edge.awaitHeld("dpl_1");
        CountDownLatch gate = edge.origin.holdBlob(second.blobs().getFirst());
        edge.propagate(second, "syd");

        edge.switchTo(second); // waits for dpl_2
        edge.switchTo(first); // a rollback before dpl_2 arrived supersedes it
        gate.countDown();
        edge.awaitHeld("dpl_2");

        assertThat(edge.table().liveSiteFor("hello.localhost").map(Site::deploymentId)).contains("dpl_1");
    }

    @Test
    void givenCustomDomains_whenAttachedAndDetached_thenHostsFollow() {
        Published first = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        edge.propagate(first, "syd");
        edge.switchTo(first);
        edge.awaitHeld("dpl_1");

        edge.feed(new DomainAttached("prj_1", "WWW.Example.com"));
        assertThat(edge.table().liveSiteFor("www.example.com:443").map(Site::deploymentId)).contains("dpl_1");
        edge.feed(new DomainDetached("prj_1", "www.example.com"));
        assertThat(edge.table().projectFor("www.example.com")).isEmpty();
    }

    @Test
    void givenALiveDeploymentMissingABlobOnDisk_whenTheEdgeRestarts_thenItIsFetchedAgainBeforeItIsServed()
            throws Exception {
        Published first = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        edge.propagate(first, "syd");
        edge.switchTo(first);
        edge.awaitHeld("dpl_1");
        edge.sync.close();
        Files.delete(edge.blob(first.blobs().getFirst()));

        edge.open();

        edge.awaitHeld("dpl_1");
        assertThat(edge.table().liveSiteFor("hello.localhost").map(Site::deploymentId)).contains("dpl_1");
        assertThat(edge.origin.blobRequests(first.blobs().getFirst())).isEqualTo(2);
    }

    @Test
    void givenServedDeployments_whenTheEdgeRestartsWithTheControlPlaneDown_thenItServesTheSameRoutingTable() {
        Published first = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one", "app.js", "go()"));
        Published second = edge.publish("dpl_2", "prj_1", Map.of("index.html", "two", "app.js", "go()"));
        edge.feed(new DomainAttached("prj_1", "www.example.com"));
        edge.propagate(first, "syd");
        edge.propagate(second, "syd");
        edge.switchTo(second);
        edge.awaitHeld("dpl_1");
        edge.awaitHeld("dpl_2");
        Eventually.until("dpl_2 is live", () -> edge.table().live().containsKey("prj_1"));
        RoutingTable before = edge.table();
        long position = edge.sync.feedPosition();

        edge.sync.close();
        edge.origin.close();
        edge.routing.swap(null);
        edge.open();

        assertThat(edge.table()).isEqualTo(before);
        assertThat(edge.sync.feedPosition()).isEqualTo(position);
        assertThat(edge.sync.deploymentsHeld()).isEqualTo(2);
        assertThat(edge.table().liveSiteFor("www.example.com").map(Site::manifestDigest)).contains(second.digest());
    }
}
