package dev.tasman.api.telemetry;

/**
 * The latency histogram both sides agree on: bucket {@code i} counts requests that took at most
 * {@link #upperBoundMicros(int)} and more than the bound before it; the last bucket has no upper bound.
 * Bounds grow by a quarter from 50 µs, so a percentile read from the histogram is within 25% of the true
 * value (the bucket's upper bound is reported) from 50 µs up to about a minute.
 */
public final class LatencyBuckets {

    /** Number of buckets, the last one unbounded. */
    public static final int COUNT = 64;

    private static final long[] UPPER_BOUNDS = new long[COUNT - 1];

    static {
        double bound = 50;
        for (int i = 0; i < UPPER_BOUNDS.length; i++) {
            UPPER_BOUNDS[i] = Math.round(bound);
            bound *= 1.25;
        }
    }

    private LatencyBuckets() {
    }

    /** The bucket a request of this duration counts in. */
    public static int bucketOf(long durationMicros) {
        int low = 0;
        int high = UPPER_BOUNDS.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (UPPER_BOUNDS[mid] < durationMicros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The largest duration bucket {@code i} counts; {@link Long#MAX_VALUE} for the last. */
    public static long upperBoundMicros(int bucket) {
        return bucket < UPPER_BOUNDS.length ? UPPER_BOUNDS[bucket] : Long.MAX_VALUE;
    }

    /**
     * The duration at or below which {@code quantile} (0–1) of the counted requests fall, as the upper
     * bound of the bucket it lands in (the last bucket answers with the bound before it); -1 when empty.
     */
    public static long quantileMicros(long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < UPPER_BOUNDS.length ? UPPER_BOUNDS[i] : UPPER_BOUNDS[UPPER_BOUNDS.length - 1];
            }
        }
        return UPPER_BOUNDS[UPPER_BOUNDS.length - 1];
    }
}
