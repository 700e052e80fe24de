package dev.tasman.edge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.feed.DeploymentPropagating;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.api.feed.ProjectAnnounced;
import dev.tasman.api.feed.RoutingSwitched;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.feed.FeedClient;
import dev.tasman.edge.routing.Site;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The feed position: it survives reconnects and restarts, counts skipped events, and measures the lag. */
class ResumeTest {

    @RegisterExtension
    final SyncFixture edge = new SyncFixture();
    FeedClient feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void givenAppliedEvents_whenTheStreamDropsOrTheEdgeRestarts_thenItResumesAfterTheLastStoredPosition()
            throws IOException {
        Published deployment = edge.publish("dpl_1", "prj_1", Map.of("index.html", "hello"));
        edge.origin.emit(new ProjectAnnounced("prj_1", "hello"));
        edge.origin.emit(new DeploymentPropagating("dpl_1", "prj_1", deployment.digest(), List.of("syd")));
        long last = edge.origin.emit(new RoutingSwitched("prj_1", "dpl_1", null, "DEPLOY")).position();
        connect();
        Eventually.until("hello is live", () -> edge.table().liveSiteFor("hello.localhost").isPresent());
        assertThat(edge.sync.syncLagSeconds()).isZero();
        assertThat(Files.readString(edge.data.resolve("state.json"))).contains("\"position\" : " + last);

        edge.origin.dropFeedConnections();
        Eventually.until("a second connection", () -> edge.origin.feedAfter.size() == 2);
        assertThat(edge.origin.feedAfter).containsExactly(0L, last);

        feed.close();
        edge.sync.close();
        edge.open();
        connect();
        long next = edge.origin.emit(new ProjectAnnounced("prj_2", "other")).position();

        Eventually.until("the new event is applied", () -> edge.sync.feedPosition() == next);
        assertThat(edge.origin.feedAfter.getLast()).isEqualTo(last);
        assertThat(edge.table().projectFor("other.localhost")).contains("prj_2");
        assertThat(edge.table().liveSiteFor("hello.localhost").map(Site::deploymentId)).contains("dpl_1");
        assertThat(edge.origin.count("GET /v1/origin/manifests/dpl_1")).as("nothing fetched twice").isEqualTo(1);
    }

    @Test
    void givenAnEventOfAnUnknownType_whenApplied_thenSkippedButItsPositionCounts() {
        feed = null;
        long before = edge.sync.feedPosition();

        edge.feed(null);

        assertThat(edge.sync.feedPosition()).isEqualTo(before + 1);
    }

    @Test
    void givenAnOldEvent_whenBehind_thenTheLagIsItsAgeUntilHead() {
        feed = null;
        edge.sync.apply(new FeedEvent(FeedEvent.VERSION, 1, Instant.now().minusSeconds(60),
                new ProjectAnnounced("prj_1", "hello")));

        assertThat(edge.sync.syncLagSeconds()).isBetween(59.0, 70.0);
        edge.sync.caughtUp(new FeedHead(FeedEvent.VERSION, 1));
        assertThat(edge.sync.syncLagSeconds()).isZero();
        edge.sync.disconnected();
        assertThat(edge.sync.syncLagSeconds()).isGreaterThanOrEqualTo(59.0);
    }

    private void connect() {
        feed = new FeedClient(new ControlPlane(edge.origin.url(), FakeControlPlane.TOKEN, SyncFixture.EDGE,
                SyncFixture.FAST), edge.sync, Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 1));
        feed.start();
    }
}
