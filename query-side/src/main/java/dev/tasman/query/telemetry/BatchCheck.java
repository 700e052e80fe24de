package dev.tasman.query.telemetry;

import dev.tasman.api.telemetry.LatencyBuckets;
import dev.tasman.api.telemetry.MinuteAggregate;
import dev.tasman.api.telemetry.RequestBatch;
import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.query.shared.Params;
import dev.tasman.query.shared.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a request batch must be before anything of it is stored; a refusal names the field ({@code
 * records[3].status}), so the edge (and whoever reads its log) knows which record was wrong. Times may lag (an
 * edge ships its backlog after an outage) but not lead: a clock an hour ahead is wrong, and so is one a year back.
 */
final class BatchCheck {

    static final int MAX_RECORDS = 5000;
    static final int MAX_AGGREGATES = 5000;
    private static final Duration AHEAD = Duration.ofHours(1);
    private static final Duration BEHIND = Duration.ofDays(366);
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private BatchCheck() {
    }

    static void check(RequestBatch batch, Instant now) {
        if (batch == null) {
            throw Refused.invalid("edge", "The body must be a request batch: {\"edge\": ..., \"records\": [...], "
                    + "\"aggregates\": [...]}.");
        }
        Params.matching("edge", required("edge", batch.edge()), Params.NAME, "the id of the edge sending");
        List<RequestRecord> records = batch.records() == null ? List.of() : batch.records();
        List<MinuteAggregate> aggregates = batch.aggregates() == null ? List.of() : batch.aggregates();
        if (records.size() > MAX_RECORDS) {
            throw Refused.invalid("records", "'records' may hold at most " + MAX_RECORDS + " records per batch, got "
                    + records.size() + "; send them in several batches.");
        }
        if (aggregates.size() > MAX_AGGREGATES) {
            throw Refused.invalid("aggregates", "'aggregates' may hold at most " + MAX_AGGREGATES + " per batch, got "
                    + aggregates.size() + "; send them in several batches.");
        }
        if (batch.droppedRecords() < 0) {
            throw Refused.invalid("droppedRecords", "'droppedRecords' must not be negative.");
        }
        for (int i = 0; i < records.size(); i++) {
            record(records.get(i), "records[" + i + "]", now);
        }
        for (int i = 0; i < aggregates.size(); i++) {
            aggregate(aggregates.get(i), "aggregates[" + i + "]", now);
        }
    }

    private static void record(RequestRecord r, String at, Instant now) {
        if (r == null) {
            throw Refused.invalid(at, "'" + at + "' must be a request record, got null.");
        }
        Params.matching(at + ".id", required(at + ".id", r.id()), Params.NAME, "the edge's id of the record");
        time(at + ".time", r.time(), now);
        length(at + ".host", required(at + ".host", r.host()), 255);
        Params.matching(at + ".method", required(at + ".method", r.method()), METHOD, "an HTTP method such as GET");
        length(at + ".path", required(at + ".path", r.path()), 2048);
        if (r.status() < 100 || r.status() > 599) {
            throw Refused.invalid(at + ".status", "'" + at + ".status' must be an HTTP status, 100 to 599, got "
                    + r.status() + ".");
        }
        notNegative(at + ".durationMicros", r.durationMicros());
        notNegative(at + ".bytes", r.bytes());
        Params.matching(at + ".project", r.project(), Params.NAME, "a project id, or null for no project");
        Params.matching(at + ".deployment", r.deployment(), Params.NAME, "a deployment id, or null");
    }

    private static void aggregate(MinuteAggregate a, String at, Instant now) {
        if (a == null) {
            throw Refused.invalid(at, "'" + at + "' must be a minute aggregate, got null.");
        }
        time(at + ".minute", a.minute(), now);
        if (a.minute().getEpochSecond() % 60 != 0 || a.minute().getNano() != 0) {
            throw Refused.invalid(at + ".minute", "'" + at + ".minute' must be the start of a minute (seconds "
                    + "zero), got " + a.minute() + ".");
        }
        Params.matching(at + ".project", a.project(), Params.NAME, "a project id, or null for no project");
        Params.matching(at + ".deployment", a.deployment(), Params.NAME, "a deployment id, or null");
        notNegative(at + ".requests", a.requests());
        notNegative(at + ".bytes", a.bytes());
        if (a.errors() < 0 || a.errors() > a.requests()) {
            throw Refused.invalid(at + ".errors", "'" + at + ".errors' must be between 0 and requests ("
                    + a.requests() + "), got " + a.errors() + ".");
        }
        if (a.latency() == null || a.latency().length != LatencyBuckets.COUNT) {
            throw Refused.invalid(at + ".latency", "'" + at + ".latency' must hold " + LatencyBuckets.COUNT
                    + " counts, one per bucket of LatencyBuckets, got " + (a.latency() == null ? "none"
                            : a.latency().length) + ".");
        }
        for (long count : a.latency()) {
            if (count < 0) {
                throw Refused.invalid(at + ".latency", "'" + at + ".latency' counts must not be negative.");
            }
        }
    }

    private static void time(String field, Instant time, Instant now) {
        if (time == null) {
            throw Refused.invalid(field, "'" + field + "' is required: an ISO-8601 time such as 2026-11-22T01:02:03Z.");
        }
        if (time.isAfter(now.plus(AHEAD)) || time.isBefore(now.minus(BEHIND))) {
            throw Refused.invalid(field, "'" + field + "' is " + time + ", more than an hour ahead of or a year "
                    + "behind this server's clock (" + now + "); check the edge's clock.");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Refused.invalid(field, "'" + field + "' is required.");
        }
        return value;
    }

    private static void length(String field, String value, int max) {
        if (value.length() > max) {
            throw Refused.invalid(field, "'" + field + "' may be at most " + max + " characters, got "
                    + value.length() + ".");
        }
    }

    private static void notNegative(String field, long value) {
        if (value < 0) {
            throw Refused.invalid(field, "'" + field + "' must not be negative, got " + value + ".");
        }
    }
}
