package dev.tasman.query.logs;

import java.time.Instant;

/**
 * A document of the logs and requests indices, as stored and as read back. {@code kind} is {@code build} (a
 * line a build printed, {@code stream} stdout, stderr or system), {@code timeline} (a step of a deployment;
 * {@code event} names the event) or {@code request} (a request an edge answered). {@code sortKey} breaks ties
 * between entries of the same millisecond, so paging is stable.
 */
public record LogEntry(Instant time, String sortKey, String kind, String project, String projectName,
        String deployment, String edge, String event, String stream, String message, String host, String method,
        String path, Integer status, Double durationMs, Long bytes) {

    public static final String BUILD = "build";
    public static final String TIMELINE = "timeline";
    public static final String REQUEST = "request";

    /** A request record: everything a {@code request} entry holds. */
    public static LogEntry request(Instant time, String sortKey, String project, String projectName,
            String deployment, String edge, String message, String host, String method, String path, int status,
            double durationMs, long bytes) {
        return new LogEntry(time, sortKey, REQUEST, project, projectName, deployment, edge, null, null, message, host,
                method, path, status, durationMs, bytes);
    }
}
