package dev.tasman.edge.serve;

import java.time.Instant;

/**
 * One site request as the edge answered it.
 *
 * @param time           when it arrived
 * @param host           the Host header as the client sent it (null without one)
 * @param path           the request path, without the query string
 * @param durationMicros from its arrival until the exchange completed (the last byte handed to the socket)
 * @param bytes          response body bytes sent (0 for HEAD)
 * @param project        the project its Host routed to; null when no live deployment answers the Host
 * @param deployment     the deployment that answered (the pinned one under skew protection); null as project
 */
public record ServedRequest(Instant time, String host, String method, String path, int status, long durationMicros,
        long bytes, String project, String deployment) {
}
