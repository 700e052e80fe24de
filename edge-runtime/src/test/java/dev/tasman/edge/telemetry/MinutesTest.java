package dev.tasman.edge.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.telemetry.LatencyBuckets;
import dev.tasman.api.telemetry.MinuteAggregate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinutesTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void givenRequestsInTwoMinutes_whenTheFirstCloses_thenOnlyItIsSealedWithExactCounts() {
        Minutes minutes = new Minutes();
        minutes.count(NOON.plusSeconds(1), "prj", "dpl", 200, 100, 10);
        minutes.count(NOON.plusSeconds(59), "prj", "dpl", 503, 5_000, 20);
        minutes.count(NOON.plusSeconds(30), null, null, 404, 100, 30);
        minutes.count(NOON.plusSeconds(61), "prj", "dpl", 200, 100, 40);

        List<MinuteAggregate> sealed = minutes.seal(NOON.plusSeconds(65));

        assertThat(sealed).hasSize(2);
        MinuteAggregate prj = sealed.stream().filter(a -> "prj".equals(a.project())).findFirst().orElseThrow();
        assertThat(prj.minute()).isEqualTo(NOON);
        assertThat(prj.requests()).isEqualTo(2);
        assertThat(prj.errors()).isEqualTo(1);
        assertThat(prj.bytes()).isEqualTo(30);
        assertThat(prj.latency()[LatencyBuckets.bucketOf(100)]).isEqualTo(1);
        assertThat(prj.latency()[LatencyBuckets.bucketOf(5_000)]).isEqualTo(1);
        assertThat(minutes.seal(NOON.plusSeconds(65))).isEmpty();
        assertThat(minutes.takeAll()).singleElement().extracting(MinuteAggregate::requests).isEqualTo(1L);
    }

    @Test
    void givenASealedMinute_whenALateRequestOfItFinishes_thenItCountsInTheNextOpenMinuteNotASecondCopy() {
        Minutes minutes = new Minutes();
        minutes.count(NOON.plusSeconds(10), "prj", "dpl", 200, 100, 10);
        minutes.seal(NOON.plusSeconds(120));

        minutes.count(NOON.plusSeconds(50), "prj", "dpl", 200, 100, 10);

        assertThat(minutes.seal(NOON.plusSeconds(120))).isEmpty();
        assertThat(minutes.takeAll()).singleElement().satisfies(late -> {
            assertThat(late.minute()).isEqualTo(NOON.plusSeconds(120));
            assertThat(late.requests()).isEqualTo(1);
        });
    }

    @Test
    void givenCountsKeptOverARestart_whenRestored_thenNewRequestsAddToThem() {
        Minutes before = new Minutes();
        before.count(NOON, "prj", "dpl", 200, 100, 10);
        Minutes after = new Minutes();
        after.restore(before.takeAll());

        after.count(NOON.plusSeconds(5), "prj", "dpl", 500, 100, 10);

        assertThat(after.seal(NOON.plusSeconds(60))).singleElement().satisfies(minute -> {
            assertThat(minute.requests()).isEqualTo(2);
            assertThat(minute.errors()).isEqualTo(1);
            assertThat(minute.latency()[LatencyBuckets.bucketOf(100)]).isEqualTo(2);
        });
    }
}
