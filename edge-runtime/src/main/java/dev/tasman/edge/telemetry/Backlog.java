package dev.tasman.edge.telemetry;

import dev.tasman.edge.cache.Durable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Batches waiting for the query side, as append-only segment files in {@code <data>/telemetry/}: one
 * segment is one batch, written once (temporary file, fsync, rename, fsync of the directory) and
 * deleted only once the query side accepted it. Its name carries its sequence, its record count and
 * the drops it reports, so the backlog is counted on start without reading a segment.
 *
 * <p>The bytes of all segments stay within a bound: when a new segment would pass it, the oldest are
 * deleted first (older telemetry is worth least) and returned so the caller can report them as dropped.
 * The segment being shipped is never deleted under the shipper.
 */
final class Backlog {

    /** One batch on disk. */
    record Segment(Path file, long sequence, int records, long dropped, long bytes) {
    }

    private static final Pattern NAME = Pattern.compile("(\\d{16})-(\\d+)-(\\d+)\\.batch");

    private final Path directory;
    private final long bound;
    private final TreeMap<Long, Segment> segments = new TreeMap<>(); // guarded by this
    private long nextSequence;
    private Segment shipping;
    private volatile long bytes;
    private volatile long records;

    private Backlog(Path directory, long bound) {
        this.directory = directory;
        this.bound = bound;
    }

    /** The segments a previous run left, ready to ship; half-written ones (a crash mid-write) are removed. */
    static Backlog open(Path directory, long bound) throws IOException {
        Files.createDirectories(directory);
        Backlog backlog = new Backlog(directory, bound);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher matcher = NAME.matcher(name);
                if (matcher.matches()) {
                    backlog.add(new Segment(file, Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                            Long.parseLong(matcher.group(3)), Files.size(file)));
                } else if (name.endsWith(".tmp")) {
                    Files.delete(file);
                }
            }
        }
        backlog.nextSequence = backlog.segments.isEmpty() ? 1 : backlog.segments.lastKey() + 1;
        return backlog;
    }

    /**
     * Writes one batch durably, then keeps the backlog within its bound.
     *
     * @return the segments deleted to make room, oldest first (possibly this one, if it alone is too big)
     */
    synchronized List<Segment> append(byte[] batch, int recordCount, long dropped) throws IOException {
        long sequence = nextSequence++;
        Path file = directory.resolve(String.format("%016d-%d-%d.batch", sequence, recordCount, dropped));
        Durable.write(file, batch);
        add(new Segment(file, sequence, recordCount, dropped, batch.length));
        List<Segment> deleted = new ArrayList<>();
        while (bytes > bound) {
            Segment oldest = segments.values().stream().filter(segment -> segment != shipping).findFirst()
                    .orElse(null);
            if (oldest == null) {
                break;
            }
            remove(oldest);
            deleted.add(oldest);
        }
        return deleted;
    }

    /** The oldest segment, now being shipped: it stays on disk until {@link #shipped} or {@link #retryLater}. */
    synchronized Optional<Segment> nextToShip() {
        shipping = segments.isEmpty() ? null : segments.firstEntry().getValue();
        return Optional.ofNullable(shipping);
    }

    byte[] read(Segment segment) throws IOException {
        return Files.readAllBytes(segment.file());
    }

    /** The query side took it (or refused it for good): it is deleted. */
    synchronized void shipped(Segment segment) throws IOException {
        shipping = null;
        remove(segment);
    }

    synchronized void retryLater() {
        shipping = null;
    }

    long bytes() {
        return bytes;
    }

    long records() {
        return records;
    }

    private void add(Segment segment) {
        segments.put(segment.sequence(), segment);
        bytes += segment.bytes();
        records += segment.records();
    }

    private void remove(Segment segment) throws IOException {
        if (segments.remove(segment.sequence()) == null) {
            return;
        }
        bytes -= segment.bytes();
        records -= segment.records();
        try {
            Files.delete(segment.file());
        } catch (NoSuchFileException gone) {
            // someone cleaned the directory by hand: the goal is met
        }
    }
}
