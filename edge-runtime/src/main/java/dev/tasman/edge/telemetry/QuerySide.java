package dev.tasman.edge.telemetry;

import dev.tasman.edge.control.ControlPlane;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST <telemetry url>/v1/telemetry/requests} with the edge's own token: the query side's
 * receiving end of the contract in {@code dev.tasman.api.telemetry}.
 */
final class QuerySide {

    static final String PATH = "/v1/telemetry/requests";

    /**
     * What the query side said to one batch.
     *
     * @param status its HTTP status; 0 when it did not answer (connection refused, timeout)
     * @param detail its problem detail, or what went wrong on the way, for a log line
     */
    record Answer(int status, String detail) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** The batch itself is wrong: sending it again would get the same answer. */
        boolean refusedForGood() {
            return status == 400 || status == 413 || status == 422;
        }

        @Override
        public String toString() {
            return status == 0 ? detail : "HTTP " + status + " (" + detail + ")";
        }
    }

    private final URI endpoint;
    private final String authorization;
    private final String userAgent;
    private final Duration timeout;
    private final HttpClient http;

    QuerySide(URI base, String token, String edgeId, Duration timeout) {
        String url = base.toString();
        this.endpoint = URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + PATH);
        this.authorization = "Bearer " + token;
        this.userAgent = "tasman-edge/" + edgeId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Answer send(byte[] batch) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Authorization", authorization)
                .header("User-Agent", userAgent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), ControlPlane.detail(response.statusCode(), response.body()));
        } catch (IOException e) {
            return new Answer(0, ControlPlane.describe(e));
        }
    }

    @Override
    public String toString() {
        return endpoint.toString(); // never the token
    }

    void close() {
        http.shutdownNow();
    }
}
