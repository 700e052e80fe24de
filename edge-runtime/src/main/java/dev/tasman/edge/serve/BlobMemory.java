package dev.tasman.edge.serve;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small blobs held in memory, so the common request (a few KB of HTML, CSS or JS) is answered from
 * the IO thread without touching the disk. Keyed by SHA-256: content-addressed, so an entry is never
 * stale and needs no invalidation when deployments come and go. Bounded by total bytes with clock
 * (second-chance) eviction: a hit only sets a flag, so reads take no lock; only a miss that adds an
 * entry does. Buffers are direct, so a socket write needs no copy, and handed out as read-only
 * duplicates, so concurrent responses each have their own position.
 */
final class BlobMemory {

    /** Blobs up to this size are kept; larger ones are streamed from disk. */
    static final int MAX_BLOB = 256 * 1024;
    static final long DEFAULT_BUDGET = 128L * 1024 * 1024;

    private static final class Entry {
        final String sha256;
        final ByteBuffer bytes;
        volatile boolean referenced;

        Entry(String sha256, ByteBuffer bytes) {
            this.sha256 = sha256;
            this.bytes = bytes;
        }
    }

    private final long budget;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ArrayDeque<Entry> clock = new ArrayDeque<>(); // guarded by this
    private volatile long bytes;

    BlobMemory(long budget) {
        this.budget = budget;
    }

    /** A read-only view of the blob's bytes, positioned at 0, or null when it is not held. */
    ByteBuffer get(String sha256) {
        Entry entry = entries.get(sha256);
        if (entry == null) {
            return null;
        }
        if (!entry.referenced) {
            entry.referenced = true;
        }
        return entry.bytes.duplicate();
    }

    /** Keeps {@code blob} (read-only, positioned at 0), evicting what has not been read since the clock last passed. */
    synchronized void put(String sha256, ByteBuffer blob) {
        if (blob.remaining() > MAX_BLOB || entries.containsKey(sha256)) {
            return;
        }
        Entry entry = new Entry(sha256, blob);
        entries.put(sha256, entry);
        clock.addLast(entry);
        long held = bytes + blob.remaining();
        while (held > budget && !clock.isEmpty()) {
            Entry oldest = clock.pollFirst();
            if (oldest.referenced) {
                oldest.referenced = false;
                clock.addLast(oldest);
            } else {
                entries.remove(oldest.sha256);
                held -= oldest.bytes.remaining();
            }
        }
        bytes = held;
    }

    /** Bytes held, for the metrics gauge. */
    long bytes() {
        return bytes;
    }
}
