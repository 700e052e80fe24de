package dev.tasman.edge.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.api.feed.EdgeHoldings;
import dev.tasman.api.feed.EdgeProgress;
import dev.tasman.api.feed.EdgeSyncFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Every call this edge makes to the control plane, each carrying the edge token. Reads (manifests,
 * blobs) come back as bytes or a stream; callbacks (acknowledgements, holdings, sync failures, ready)
 * as a {@link Reply}. A network failure or a 5xx is an {@link Unavailable} (worth retrying), a 4xx a
 * {@link Refused} or a refused reply (retrying would get the same answer).
 */
public final class ControlPlane {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Progress is stale in a second: waiting longer for an answer would only hold up the next report. */
    private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final String authorization;
    private final String userAgent;
    private final Backoff retry;
    private final HttpClient http;

    /** @param retry how callbacks and manifest fetches retry network errors and 5xx answers */
    public ControlPlane(URI base, String token, String edgeId, Backoff retry) {
        String url = base.toString();
        this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        this.authorization = "Bearer " + token;
        this.userAgent = "tasman-edge/" + edgeId;
        this.retry = retry;
        // HTTP/1.1: the feed is a long-lived event stream, and a plain-http h2c upgrade attempt buys nothing.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public String toString() {
        return base.toString(); // never the token
    }

    /** {@code GET /v1/edge/feed?after=}: the events after {@code after}, then live ones. */
    public HttpRequest feed(long after) {
        return request("/v1/edge/feed?after=" + after).header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(after)).GET().build();
    }

    /** The manifest's exact bytes with the headers that vouch for them; retried like a callback. */
    public SignedManifest manifest(String deploymentId) throws IOException, InterruptedException, Refused {
        return retry.retry("manifest " + deploymentId, () -> {
            HttpResponse<byte[]> response = http.send(request("/v1/origin/manifests/" + deploymentId)
                    .timeout(CALL_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            check(response.statusCode(), response.body());
            var headers = response.headers();
            return new SignedManifest(response.body(), headers.firstValue("X-Tasman-Manifest-Digest").orElse(null),
                    headers.firstValue("X-Tasman-Signature").orElse(null),
                    headers.firstValue("X-Tasman-Key-Id").orElse(null));
        });
    }

    /** One attempt at a blob; the caller closes the body and retries as it sees fit. */
    public InputStream blob(String sha256) throws IOException, InterruptedException, Refused {
        HttpResponse<InputStream> response = http.send(request("/v1/origin/blobs/" + sha256)
                .timeout(CALL_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            byte[] problem;
            try (InputStream body = response.body()) {
                problem = body.readNBytes(8192);
            }
            check(response.statusCode(), problem);
            throw new Unavailable("origin answered " + response.statusCode() + " for blob " + sha256);
        }
        return response.body();
    }

    public Reply acknowledge(EdgeAcknowledgement acknowledgement) throws IOException, InterruptedException {
        return post("/v1/edge/acknowledgements", acknowledgement);
    }

    public Reply reportHoldings(EdgeHoldings holdings) throws IOException, InterruptedException {
        return post("/v1/edge/holdings", holdings);
    }

    public Reply reportFailure(EdgeSyncFailure failure) throws IOException, InterruptedException {
        return post("/v1/edge/sync-failures", failure);
    }

    /** One attempt, never retried: progress is best effort and a newer report soon replaces this one. */
    public Reply reportProgress(EdgeProgress progress) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request("/v1/edge/progress").timeout(PROGRESS_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(progress))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        return new Reply(status, status < 300 ? "" : detail(status, response.body()));
    }

    public Reply ready() throws IOException, InterruptedException {
        return post("/v1/edge/ready", null);
    }

    private Reply post(String path, Object body) throws IOException, InterruptedException {
        byte[] json = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        return retry.retry("POST " + path, () -> {
            HttpResponse<byte[]> response = http.send(request(path).timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 500 || status == 429) {
                throw new Unavailable("the control plane answered " + status + " to POST " + path + ": "
                        + detail(status, response.body()));
            }
            return new Reply(status, status < 300 ? "" : detail(status, response.body()));
        });
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", authorization)
                .header("User-Agent", userAgent);
    }

    private static void check(int status, byte[] body) throws Unavailable, Refused {
        if (status >= 500 || status == 429) {
            throw new Unavailable("the control plane answered " + status + ": " + detail(status, body));
        }
        if (status >= 300) {
            throw new Refused(status, detail(status, body));
        }
    }

    /** The problem document's detail (or title), else the start of the body. */
    public static String detail(int status, byte[] body) {
        if (body == null || body.length == 0) {
            return "HTTP " + status;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            for (String field : new String[] {"detail", "title"}) {
                if (problem.hasNonNull(field)) {
                    return problem.get(field).asText();
                }
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** A failure in words for a log line or a report: the HTTP client's connection errors carry no message. */
    public static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** @param digest {@code sha256:<hex>} as the control plane states it; the edge still hashes the body itself */
    public record SignedManifest(byte[] body, String digest, String signature, String keyId) {
    }

    /** A callback's answer: 2xx accepted, otherwise a 4xx with the problem's detail. */
    public record Reply(int status, String detail) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /** The control plane could not be reached, or answered 5xx / 429: try again later. */
    public static final class Unavailable extends IOException {

        public Unavailable(String message) {
            super(message);
        }
    }

    /** A 4xx answer to a read: asking again would get the same answer. */
    public static final class Refused extends Exception {

        private final int status;

        public Refused(int status, String detail) {
            super("HTTP " + status + ": " + detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
