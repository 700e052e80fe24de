package dev.tasman.api.telemetry;

import java.util.List;

/**
 * One shipment from an edge: the requests it served (each one, for searching) and per-minute
 * aggregates (exact counts and latency histograms, for rates and percentiles even where records were
 * dropped because the edge's buffer was full). {@code droppedRecords} counts records the edge could
 * not keep since its previous batch.
 */
public record RequestBatch(String edge, List<RequestRecord> records, List<MinuteAggregate> aggregates,
        long droppedRecords) {
}
