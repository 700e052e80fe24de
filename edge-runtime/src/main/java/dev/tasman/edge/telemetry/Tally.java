package dev.tasman.edge.telemetry;

import dev.tasman.edge.serve.Metrics;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What telemetry has done, for the edge's metrics, and the records lost that no batch on disk reports
 * yet: the next batch written carries them in {@code droppedRecords}, so the count survives a restart
 * and a batch that is itself dropped later passes its count on.
 */
final class Tally {

    final AtomicLong shipped = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    /** Records lost that no batch on disk reports yet. */
    final AtomicLong untold = new AtomicLong();
    volatile long lastErrorEpochSeconds;
    volatile int lastErrorStatus;
    volatile long lastSuccessEpochSeconds;

    /** Records that never reached disk (memory queue full, the disk refused the write). */
    void lost(long records) {
        dropped.addAndGet(records);
        untold.addAndGet(records);
    }

    /** A batch on disk that will never be delivered (buffer bound, refused as malformed). */
    void lost(Backlog.Segment segment) {
        dropped.addAndGet(segment.records());
        untold.addAndGet(segment.records() + segment.dropped());
    }

    void publish(Metrics metrics, Telemetry telemetry, Backlog backlog) {
        metrics.gauge("tasman_edge_telemetry_queued_records", "Request records in memory, not yet on disk",
                telemetry::queued);
        metrics.gauge("tasman_edge_telemetry_buffered_records", "Request records on disk, not yet accepted by the"
                + " query side", backlog::records);
        metrics.gauge("tasman_edge_telemetry_buffer_bytes", "Bytes of the telemetry backlog on disk",
                backlog::bytes);
        metrics.counter("tasman_edge_telemetry_shipped_records_total", "Request records the query side accepted",
                shipped::get);
        metrics.counter("tasman_edge_telemetry_dropped_records_total", "Request records lost: memory queue full,"
                + " buffer bound reached, or a batch refused as malformed", dropped::get);
        metrics.gauge("tasman_edge_telemetry_last_ship_error_timestamp_seconds", "When a batch last failed to ship"
                + " (0: never)", () -> lastErrorEpochSeconds);
        metrics.gauge("tasman_edge_telemetry_last_ship_error_status", "HTTP status of that failure (0: no answer)",
                () -> lastErrorStatus);
        metrics.gauge("tasman_edge_telemetry_last_ship_success_timestamp_seconds", "When the query side last"
                + " accepted a batch (0: never)", () -> lastSuccessEpochSeconds);
    }
}
