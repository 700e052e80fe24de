package dev.tasman.api.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    @Test
    void givenDurationsAroundABound_whenBucketed_thenTheBoundItselfCountsInItsBucket() {
        long bound = LatencyBuckets.upperBoundMicros(10);

        assertThat(LatencyBuckets.bucketOf(bound)).isEqualTo(10);
        assertThat(LatencyBuckets.bucketOf(bound + 1)).isEqualTo(11);
        assertThat(LatencyBuckets.bucketOf(0)).isZero();
        assertThat(LatencyBuckets.bucketOf(Long.MAX_VALUE)).isEqualTo(LatencyBuckets.COUNT - 1);
    }

    @Test
    void givenAHistogram_whenAQuantileIsRead_thenItIsTheUpperBoundOfTheBucketTheRankFallsIn() {
        long[] counts = new long[LatencyBuckets.COUNT];
        counts[LatencyBuckets.bucketOf(1_000)] = 90;
        counts[LatencyBuckets.bucketOf(20_000)] = 10;

        long p50 = LatencyBuckets.quantileMicros(counts, 0.50);
        long p95 = LatencyBuckets.quantileMicros(counts, 0.95);

        assertThat(p50).isBetween(1_000L, 1_250L);
        assertThat(p95).isBetween(20_000L, 25_000L);
        assertThat(LatencyBuckets.quantileMicros(new long[LatencyBuckets.COUNT], 0.5)).isEqualTo(-1);
    }

    @Test
    void givenEveryBound_whenCompared_thenEachIsAtMostAQuarterAboveTheOneBefore() {
        for (int i = 1; i < LatencyBuckets.COUNT - 1; i++) {
            double growth = (double) LatencyBuckets.upperBoundMicros(i) / LatencyBuckets.upperBoundMicros(i - 1);
            assertThat(growth).isBetween(1.2, 1.27);
        }
    }
}
