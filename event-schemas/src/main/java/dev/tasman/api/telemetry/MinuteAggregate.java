package dev.tasman.api.telemetry;

import java.time.Instant;

/**
 * Every request one edge answered for one project and deployment in one minute ({@code minute} is the
 * minute's start, seconds and below zero). {@code errors} counts status 500 and above. {@code latency}
 * holds one count per bucket of {@link LatencyBuckets}; histograms of several edges or minutes add up
 * bucket by bucket, which percentiles computed per edge would not.
 */
public record MinuteAggregate(Instant minute, String project, String deployment, long requests, long errors,
        long bytes, long[] latency) {
}
