package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.feed.EdgeStatusChanged;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invariant 7's edge side: a joining edge asks to become active only once caught up and holding everything. */
class JoinTest {

    static final String HOLDINGS = "POST /v1/edge/holdings";
    static final String READY = "POST /v1/edge/ready";

    @RegisterExtension
    final SyncFixture edge = new SyncFixture();

    @BeforeEach
    void start() {
        edge.announce("prj_1", "hello");
        edge.feed(new EdgeStatusChanged(SyncFixture.EDGE, "JOINING"));
    }

    @Test
    void givenEverythingLiveIsHeld_whenTheFeedReachesHead_thenHoldingsThenReady() {
        Published live = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        edge.propagate(live, "mel");
        edge.switchTo(live);
        edge.awaitHeld("dpl_1");
        assertThat(edge.origin.count(READY)).as("not before head").isZero();

        edge.head();

        Eventually.until("ready is asked", () -> edge.origin.count(READY) == 1);
        int ready = edge.origin.requests.indexOf(READY);
        assertThat(edge.origin.requests.subList(0, ready)).contains(HOLDINGS);
        assertThat(edge.origin.holdings.getLast().deployments()).extracting(h -> h.deploymentId())
                .containsExactly("dpl_1");
    }

    @Test
    void givenTheLiveDeploymentStillFetching_whenHead_thenReadyWaitsForIt() throws Exception {
        Published live = edge.publish("dpl_1", "prj_1", Map.of("index.html", "one"));
        CountDownLatch gate = edge.origin.holdBlob(live.blobs().getFirst());
        edge.propagate(live, "mel");
        edge.switchTo(live);

        edge.head();
        Thread.sleep(200);
        assertThat(edge.origin.count(READY)).isZero();

        gate.countDown();
        Eventually.until("ready is asked", () -> edge.origin.count(READY) == 1);
    }

    @Test
    void givenTheControlPlaneRefuses_whenHead_thenAskedAgainAfterABackoffAndNotOnceActive() throws Exception {
        edge.origin.readyStatus(409, 409, 204);

        edge.head();
        Eventually.until("ready is accepted on the third request", Duration.ofSeconds(5),
                () -> edge.origin.count(READY) == 3);

        edge.head(); // a reconnect, for instance
        Thread.sleep(300);
        assertThat(edge.origin.count(READY)).as("active: no more asking").isEqualTo(3);
    }

    @Test
    void givenTheFeedSaysActive_whenHead_thenNoReadyRequest() throws Exception {
        edge.feed(new EdgeStatusChanged(SyncFixture.EDGE, "ACTIVE"));

        edge.head();

        Thread.sleep(200);
        assertThat(edge.origin.count(READY)).isZero();
    }
}
