package dev.tasman.edge.telemetry;

import dev.tasman.api.telemetry.LatencyBuckets;
import dev.tasman.api.telemetry.MinuteAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact per-minute counts by project and deployment, kept whether or not the request's record fits in
 * the queue. A request counts in the minute it arrived; once that minute has been sealed (taken for
 * shipping), in the earliest minute still open instead, so that each (minute, project, deployment) is
 * shipped exactly once: the query side stores an aggregate under that key, and a second, partial one
 * would overwrite the first.
 *
 * <p>Counting is one {@link ConcurrentHashMap#compute} per request (a lock on one bin, no waiting on
 * I/O). Sealing moves the watermark first and then removes each older entry; since a count checks the
 * watermark inside its own compute, it either lands before the removal or sees the new watermark.
 */
final class Minutes {

    private record Key(long minute, String project, String deployment) {
    }

    /** Mutated only inside the map's compute for its key, read after its removal: both under the bin's lock. */
    private static final class Counts {
        long requests;
        long errors;
        long bytes;
        final long[] latency = new long[LatencyBuckets.COUNT];
    }

    private final ConcurrentHashMap<Key, Counts> open = new ConcurrentHashMap<>();
    /** Epoch minute before which every minute has been sealed. */
    private volatile long sealedBefore = Long.MIN_VALUE;

    void count(Instant arrived, String project, String deployment, int status, long durationMicros, long bytes) {
        long minute = minuteOf(arrived);
        while (!add(new Key(minute, project, deployment), status, durationMicros, bytes)) {
            minute = Math.max(minute, sealedBefore);
        }
    }

    private boolean add(Key key, int status, long durationMicros, long bytes) {
        boolean[] added = {false};
        open.compute(key, (k, counts) -> {
            if (k.minute() < sealedBefore) {
                return counts;
            }
            Counts into = counts == null ? new Counts() : counts;
            into.requests++;
            into.errors += status >= 500 ? 1 : 0;
            into.bytes += bytes;
            into.latency[LatencyBuckets.bucketOf(durationMicros)]++;
            added[0] = true;
            return into;
        });
        return added[0];
    }

    /** Takes every minute that ended at or before {@code now}: from here on they are final. */
    synchronized List<MinuteAggregate> seal(Instant now) {
        long before = minuteOf(now);
        if (before > sealedBefore) {
            sealedBefore = before;
        }
        return take(key -> key.minute() < sealedBefore);
    }

    /** Takes every minute, closed or not, for an edge that is stopping ({@link #restore} after its restart). */
    synchronized List<MinuteAggregate> takeAll() {
        return take(key -> true);
    }

    /** Adds counts kept over a restart; called before any request is counted. */
    synchronized void restore(List<MinuteAggregate> kept) {
        for (MinuteAggregate aggregate : kept) {
            Counts counts = open.computeIfAbsent(new Key(minuteOf(aggregate.minute()), aggregate.project(),
                    aggregate.deployment()), key -> new Counts());
            counts.requests += aggregate.requests();
            counts.errors += aggregate.errors();
            counts.bytes += aggregate.bytes();
            for (int i = 0; i < Math.min(counts.latency.length, aggregate.latency().length); i++) {
                counts.latency[i] += aggregate.latency()[i];
            }
        }
    }

    private List<MinuteAggregate> take(java.util.function.Predicate<Key> which) {
        List<MinuteAggregate> taken = new ArrayList<>();
        for (Key key : List.copyOf(open.keySet())) {
            if (which.test(key)) {
                Counts counts = open.remove(key);
                if (counts != null) {
                    taken.add(new MinuteAggregate(Instant.ofEpochSecond(key.minute() * 60), key.project(),
                            key.deployment(), counts.requests, counts.errors, counts.bytes, counts.latency.clone()));
                }
            }
        }
        return taken;
    }

    private static long minuteOf(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), 60);
    }
}
