package dev.tasman.query.telemetry;

import java.time.Instant;
import java.util.Map;

/**
 * A document of the minutes index: one edge's requests for one project and deployment in one minute. {@code
 * latency} holds the non-zero buckets of the histogram as {@code b00}…{@code b63}, so sums across edges and
 * minutes add up bucket by bucket.
 */
record MinuteDocument(Instant minute, String edge, String project, String projectName, String deployment,
        long requests, long errors, long bytes, Map<String, Long> latency) {
}
