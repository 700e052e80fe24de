package dev.tasman.edge.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.api.feed.ProjectAnnounced;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feed reader against a real SSE stream: delivery in order, resuming, dead connections, outages. */
class FeedClientTest {

    final FakeControlPlane controlPlane = new FakeControlPlane();
    final Recorder listener = new Recorder();
    FeedClient feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        controlPlane.close();
    }

    @Test
    void givenABacklog_whenConnected_thenEventsInOrderThenHead() {
        controlPlane.emit(new ProjectAnnounced("prj_1", "one"));
        controlPlane.emit(new ProjectAnnounced("prj_2", "two"));

        start(Duration.ofSeconds(5));

        Eventually.until("head arrives", () -> !listener.heads.isEmpty());
        assertThat(listener.events).extracting(FeedEvent::position).containsExactly(10L, 11L);
        assertThat(listener.events.getFirst().payload()).isEqualTo(new ProjectAnnounced("prj_1", "one"));
        assertThat(listener.heads.getFirst().position()).isEqualTo(11);
        assertThat(controlPlane.feedAfter).containsExactly(0L);
    }

    @Test
    void givenADroppedConnection_whenReconnecting_thenItResumesAfterTheLastAppliedPosition() {
        controlPlane.emit(new ProjectAnnounced("prj_1", "one"));
        start(Duration.ofSeconds(5));
        Eventually.until("head arrives", () -> listener.heads.size() == 1);
        controlPlane.emit(new ProjectAnnounced("prj_2", "two"));
        Eventually.until("the live event arrives", () -> listener.events.size() == 2);

        controlPlane.dropFeedConnections();
        controlPlane.emit(new ProjectAnnounced("prj_3", "three"));

        Eventually.until("the event after the drop arrives", () -> listener.events.size() == 3);
        assertThat(controlPlane.feedAfter).containsExactly(0L, 11L);
        assertThat(listener.events).extracting(FeedEvent::position).containsExactly(10L, 11L, 12L);
        assertThat(listener.disconnects.get()).isEqualTo(1);
    }

    @Test
    void givenAFeedThatGoesSilent_whenTheHeartbeatTimeoutPasses_thenItReconnects() {
        start(Duration.ofMillis(400));
        Eventually.until("connected", () -> listener.heads.size() == 1);

        controlPlane.silent(true);

        Eventually.until("a second connection", () -> controlPlane.feedAfter.size() >= 2);
        assertThat(listener.disconnects.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void givenHeartbeats_whenIdleLongerThanTheTimeout_thenTheConnectionStays() throws InterruptedException {
        start(Duration.ofMillis(700)); // the fake beats every 100 ms

        Thread.sleep(1500);

        assertThat(controlPlane.feedAfter).hasSize(1);
    }

    @Test
    void givenTheFeedDown_whenReconnecting_thenAttemptsBackOff() throws InterruptedException {
        controlPlane.feedStatus(503);

        start(Duration.ofSeconds(5));
        Thread.sleep(1500);

        // 50, 100, 200, 400, 400, 400 ms apart (±20%): about six attempts, never a tight loop
        assertThat(controlPlane.feedAfter.size()).isBetween(2, 9);
        controlPlane.feedStatus(200);
        Eventually.until("connected once the feed is back", () -> listener.heads.size() == 1);
    }

    private void start(Duration heartbeatTimeout) {
        Backoff quick = new Backoff(Duration.ofMillis(10), Duration.ofMillis(20), 1);
        feed = new FeedClient(new ControlPlane(controlPlane.url(), FakeControlPlane.TOKEN, "syd", quick), listener,
                heartbeatTimeout, new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 1));
        feed.start();
    }

    static final class Recorder implements FeedListener {

        final List<FeedEvent> events = new CopyOnWriteArrayList<>();
        final List<FeedHead> heads = new CopyOnWriteArrayList<>();
        final AtomicInteger disconnects = new AtomicInteger();
        volatile long position;

        @Override
        public long position() {
            return position;
        }

        @Override
        public void apply(FeedEvent event) {
            events.add(event);
            position = event.position();
        }

        @Override
        public void caughtUp(FeedHead head) {
            heads.add(head);
            position = Math.max(position, head.position());
        }

        @Override
        public void disconnected() {
            disconnects.incrementAndGet();
        }
    }
}
