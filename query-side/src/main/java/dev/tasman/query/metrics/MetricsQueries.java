package dev.tasman.query.metrics;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.tasman.api.telemetry.LatencyBuckets;
import dev.tasman.query.logs.Indices;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The time series behind {@code /v1/metrics}: one date histogram over the minutes index summing requests,
 * errors, bytes and each latency bucket, so histograms of every edge and minute in a point add up bucket by
 * bucket before a percentile is read from them ({@link LatencyBuckets#quantileMicros}).
 */
@Component
class MetricsQueries {

    private final Indices indices;

    MetricsQueries(Indices indices) {
        this.indices = indices;
    }

    /** {@code projects} null for everything (an admin), else the only projects counted. */
    record Filter(List<String> projects, String deployment, String edge, Instant from, Instant to) {
    }

    /** One interval; rates and percentiles are null when it saw no request. */
    record Point(Instant time, long requests, long errors, double requestsPerSecond, Double errorRate, Double p50Ms,
            Double p95Ms, Double p99Ms, long bytes) {
    }

    List<Point> series(Filter filter, String interval, Duration step) {
        Map<String, Aggregation> sums = new LinkedHashMap<>();
        for (String field : List.of("requests", "errors", "bytes")) {
            sums.put(field, Aggregation.of(a -> a.sum(s -> s.field(field))));
        }
        for (int b = 0; b < LatencyBuckets.COUNT; b++) {
            String bucket = bucket(b);
            sums.put(bucket, Aggregation.of(a -> a.sum(s -> s.field("latency." + bucket))));
        }
        SearchResponse<Void> response;
        try {
            response = indices.client().search(s -> s.index(indices.alias(Indices.Kind.MINUTES))
                    .ignoreUnavailable(true).allowNoIndices(true).size(0)
                    .query(q -> q.bool(b -> b.filter(filters(filter))))
                    .aggregations("points", a -> a.dateHistogram(h -> h.field("minute")
                            .fixedInterval(t -> t.time(interval)).minDocCount(1))
                            .aggregations(sums)), Void.class);
        } catch (IOException | ElasticsearchException e) {
            throw indices.unavailable(e);
        }
        Map<Long, DateHistogramBucket> byTime = new HashMap<>();
        Aggregate points = response.aggregations().get("points");
        if (points != null) {
            for (DateHistogramBucket bucket : points.dateHistogram().buckets().array()) {
                byTime.put(bucket.key(), bucket);
            }
        }
        double seconds = step.toSeconds();
        List<Point> series = new ArrayList<>();
        for (Instant t = filter.from(); t.isBefore(filter.to()); t = t.plus(step)) {
            DateHistogramBucket bucket = byTime.get(t.toEpochMilli());
            if (bucket == null) {
                series.add(new Point(t, 0, 0, 0, null, null, null, null, 0));
                continue;
            }
            long requests = sum(bucket, "requests");
            long errors = sum(bucket, "errors");
            long[] latency = new long[LatencyBuckets.COUNT];
            for (int b = 0; b < latency.length; b++) {
                latency[b] = sum(bucket, bucket(b));
            }
            series.add(new Point(t, requests, errors, round(requests / seconds), requests == 0 ? null
                    : round((double) errors / requests), ms(latency, 0.50), ms(latency, 0.95), ms(latency, 0.99),
                    sum(bucket, "bytes")));
        }
        return series;
    }

    private static List<Query> filters(Filter filter) {
        List<Query> must = new ArrayList<>();
        if (filter.projects() != null) {
            List<FieldValue> wanted = filter.projects().stream().map(FieldValue::of).toList();
            must.add(Query.of(q -> q.terms(t -> t.field("project").terms(v -> v.value(wanted)))));
        }
        if (filter.deployment() != null) {
            must.add(Query.of(q -> q.term(t -> t.field("deployment").value(filter.deployment()))));
        }
        if (filter.edge() != null) {
            must.add(Query.of(q -> q.term(t -> t.field("edge").value(filter.edge()))));
        }
        must.add(Query.of(q -> q.range(r -> r.date(d -> d.field("minute").gte(filter.from().toString())
                .lt(filter.to().toString())))));
        return must;
    }

    private static long sum(DateHistogramBucket bucket, String name) {
        return Math.round(bucket.aggregations().get(name).sum().value());
    }

    private static Double ms(long[] latency, double quantile) {
        long micros = LatencyBuckets.quantileMicros(latency, quantile);
        return micros < 0 ? null : micros / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String bucket(int index) {
        return String.format(Locale.ROOT, "b%02d", index);
    }
}
