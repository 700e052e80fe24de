package dev.tasman.api.telemetry;

import java.time.Instant;

/**
 * One request an edge answered. {@code id} is unique per edge (the edge's own sequence), so a batch sent
 * again is stored once. {@code project} and {@code deployment} are null when the host matched no project
 * (a 404 for an unknown host); {@code durationMicros} runs from the request's arrival to its last byte
 * handed to the socket.
 */
public record RequestRecord(String id, Instant time, String host, String method, String path, int status,
        long durationMicros, long bytes, String project, String deployment) {
}
