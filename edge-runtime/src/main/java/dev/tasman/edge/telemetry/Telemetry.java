package dev.tasman.edge.telemetry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.telemetry.MinuteAggregate;
import dev.tasman.api.telemetry.RequestBatch;
import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.edge.cache.Durable;
import dev.tasman.edge.serve.Metrics;
import dev.tasman.edge.serve.RequestLog;
import dev.tasman.edge.serve.ServedRequest;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Request telemetry of one edge (decision 0017): each answered request becomes a {@link RequestRecord}
 * and counts in its minute's {@link MinuteAggregate}; a writer thread puts them on disk as batches
 * ({@link Backlog}) every interval, and a {@link Shipper} thread sends those to the query side.
 *
 * <p>The request's side ({@link #served}) never waits: it counts the request, then offers the record to
 * a bounded queue; when the queue is full the record is dropped and counted, the aggregate still has it.
 * On {@link #close} what is queued is written to disk and the minutes still open are kept in a file for
 * the next start, so neither a graceful restart nor an outage of the query side loses anything.
 */
public final class Telemetry implements RequestLog, AutoCloseable {

    /** The most records in one batch (the query side's limit). */
    static final int MAX_BATCH = 5000;
    private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());
    private static final ObjectMapper JSON = Json.mapper();
    private static final String OPEN_MINUTES = "open-minutes.json";
    private static final String EPOCH = "epoch";
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private final String edgeId;
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();
    private final ArrayBlockingQueue<RequestRecord> queue;
    private final List<MinuteAggregate> unwrittenAggregates = new ArrayList<>(); // guarded by this
    private final Minutes minutes;
    private final Backlog backlog;
    private final Tally tally = new Tally();
    private final QuerySide querySide;
    private final Shipper shipper;
    private final Path directory;
    private final Clock clock;
    private final Duration interval;
    private final Thread writer;
    private final Thread shipping;
    private String writeFailure; // the failure last logged
    private volatile boolean closing;

    private Telemetry(Path directory, TelemetryOptions options, Clock clock, Backlog backlog, Minutes minutes,
            long epoch) {
        this.edgeId = options.edgeId();
        this.idPrefix = Long.toString(epoch, 36) + "-";
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.minutes = minutes;
        this.backlog = backlog;
        this.directory = directory;
        this.clock = clock;
        this.interval = options.interval();
        this.querySide = new QuerySide(options.url(), options.token(), options.edgeId(), options.timeout());
        this.shipper = new Shipper(backlog, querySide, options.retry(), interval, tally, clock);
        this.writer = Thread.ofPlatform().daemon().name("telemetry-writer").unstarted(this::writeEvery);
        this.shipping = Thread.ofPlatform().daemon().name("telemetry-shipper").unstarted(shipper);
    }

    /**
     * Opens the backlog in {@code directory} (what a previous run left is shipped first) and starts the
     * writer and the shipper.
     */
    public static Telemetry start(Path directory, TelemetryOptions options, Clock clock) throws IOException {
        Backlog backlog = Backlog.open(directory, options.bufferBytes());
        Minutes minutes = new Minutes();
        minutes.restore(openMinutes(directory.resolve(OPEN_MINUTES)));
        Telemetry telemetry = new Telemetry(directory, options, clock, backlog, minutes, epoch(directory, clock));
        telemetry.writer.start();
        telemetry.shipping.start();
        LOG.log(Level.INFO, () -> "Telemetry on: shipping request records to " + telemetry.querySide + " every "
                + options.interval().toSeconds() + " s; backlog in " + directory + " up to " + options.bufferBytes()
                + " bytes, " + backlog.records() + " records waiting from before");
        return telemetry;
    }

    @Override
    public void served(ServedRequest request) {
        try {
            minutes.count(request.time(), request.project(), request.deployment(), request.status(),
                    request.durationMicros(), request.bytes());
            RequestRecord record = new RequestRecord(idPrefix + sequence.incrementAndGet(), request.time(),
                    host(request.host()), method(request.method()), path(request.path()), request.status(),
                    request.durationMicros(), request.bytes(), request.project(), request.deployment());
            if (!queue.offer(record)) {
                tally.lost(1);
            }
        } catch (RuntimeException e) {
            tally.lost(1); // telemetry must never fail a request
        }
    }

    /*
     * A client chooses its Host, method and path; the query side refuses a batch with a field outside the
     * contract's limits (400), which would drop every record in it for one odd request. So they are brought
     * within the limits here: a Host of at most 255 characters ("-" when there was none), a method of 1 to 16
     * capital letters (else OTHER), a path of at most 2048 characters.
     */

    private static String host(String host) {
        if (host == null || host.isBlank()) {
            return "-";
        }
        return host.length() <= 255 ? host : host.substring(0, 255);
    }

    private static String method(String method) {
        return METHOD.matcher(method).matches() ? method : "OTHER";
    }

    private static String path(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() <= 2048 ? path : path.substring(0, 2048);
    }

    /** Registers the telemetry gauges and counters with the edge's metrics. */
    public void publish(Metrics metrics) {
        tally.publish(metrics, this, backlog);
    }

    int queued() {
        return queue.size();
    }

    Backlog backlog() {
        return backlog;
    }

    Tally tally() {
        return tally;
    }

    /** Writes what is queued and the minutes still open to disk; the backlog ships after the next start. */
    @Override
    public void close() {
        closing = true; // not an interrupt: that would close the file channel of a batch being written
        join(writer);
        shipper.stop();
        shipping.interrupt();
        join(shipping);
        write();
        List<MinuteAggregate> open;
        synchronized (this) {
            open = new ArrayList<>(unwrittenAggregates);
            unwrittenAggregates.clear();
        }
        open.addAll(minutes.takeAll());
        try {
            if (!open.isEmpty()) {
                Durable.write(directory.resolve(OPEN_MINUTES), JSON.writeValueAsBytes(open));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot keep the open minutes' request counts in " + directory + ": "
                    + e.getMessage());
        }
        querySide.close();
    }

    private void writeEvery() {
        long tick = Math.min(200, interval.toMillis());
        long last = System.nanoTime();
        while (!closing) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            if (queue.size() >= MAX_BATCH || System.nanoTime() - last >= interval.toNanos()) {
                write();
                last = System.nanoTime();
            }
        }
    }

    /**
     * Puts the queued records and the minutes that closed on disk, in batches of at most {@link #MAX_BATCH}
     * records and as many aggregates (the query side's limits).
     */
    private synchronized void write() {
        List<MinuteAggregate> closed = new ArrayList<>(unwrittenAggregates);
        unwrittenAggregates.clear();
        closed.addAll(minutes.seal(clock.instant()));
        long drops = tally.untold.getAndSet(0);
        List<RequestRecord> records = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        boolean more = true;
        while (more || !closed.isEmpty()) {
            records.clear();
            queue.drainTo(records, MAX_BATCH);
            more = records.size() == MAX_BATCH;
            List<MinuteAggregate> aggregates = closed.subList(0, Math.min(closed.size(), MAX_BATCH));
            if (records.isEmpty() && aggregates.isEmpty() && drops == 0) {
                return;
            }
            try {
                byte[] batch = JSON.writeValueAsBytes(new RequestBatch(edgeId, records, aggregates, drops));
                for (Backlog.Segment deleted : backlog.append(batch, records.size(), drops)) {
                    tally.lost(deleted);
                    LOG.log(Level.WARNING, "Telemetry backlog over its bound: dropped the oldest " + deleted.records()
                            + " records");
                }
                writeFailure = null;
                shipper.wake();
            } catch (IOException e) {
                // the records are lost; the aggregates and the drop count wait for the next write
                tally.lost(records.size());
                tally.untold.addAndGet(drops);
                unwrittenAggregates.addAll(closed);
                if (!e.toString().equals(writeFailure)) {
                    writeFailure = e.toString();
                    LOG.log(Level.WARNING, "Cannot write telemetry to " + directory + " (" + e.getMessage()
                            + "); dropping records until it works again");
                }
                return;
            }
            aggregates.clear(); // written: off the list of closed minutes
            drops = 0;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<MinuteAggregate> openMinutes(Path file) throws IOException {
        try {
            List<MinuteAggregate> kept = JSON.readValue(Files.readAllBytes(file), new TypeReference<>() {
            });
            Files.delete(file);
            return kept;
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (com.fasterxml.jackson.core.JacksonException unreadable) {
            LOG.log(Level.WARNING, "Ignoring " + file + ", which holds no request counts this edge can read");
            Files.delete(file);
            return List.of();
        }
    }

    /**
     * This run's id prefix: the start time in milliseconds, and later than any earlier run's even if the
     * clock went back, so record ids stay unique across restarts without a counter written per request.
     */
    private static long epoch(Path directory, Clock clock) throws IOException {
        Path file = directory.resolve(EPOCH);
        long epoch = clock.millis();
        try {
            epoch = Math.max(epoch, Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()) + 1);
        } catch (NoSuchFileException | NumberFormatException first) {
            // the first run on this directory, or a file someone emptied: the clock alone
        }
        Durable.write(file, Long.toString(epoch).getBytes(StandardCharsets.US_ASCII));
        return epoch;
    }
}
