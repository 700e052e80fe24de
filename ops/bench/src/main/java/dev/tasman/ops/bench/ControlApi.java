package dev.tasman.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The control plane's API with the admin token, as the benchmarks drive it: any refusal stops the benchmark. */
final class ControlApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    ControlApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    String base() {
        return base;
    }

    String call(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    JsonNode json(String method, String path, String json) throws Exception {
        String body = call(method, path, json == null ? null : "application/json", json == null ? null : json.getBytes());
        return JSON.readTree(body);
    }

    /** Uploads a site as .tar.gz to {@code project}; returns the new deployment's id. */
    String deploy(String project, byte[] archive) throws Exception {
        return JSON.readTree(call("POST", "/v1/projects/" + project + "/deployments", "application/gzip", archive))
                .path("id").asText();
    }

    String state(String deploymentId) throws Exception {
        return json("GET", "/v1/deployments/" + deploymentId, null).path("state").asText();
    }

    /**
     * Waits for the deployment to reach {@code state}; a deployment that fails, stalls or is cancelled on
     * the way stops the benchmark, as does waiting longer than {@code timeout}.
     */
    void awaitState(String deploymentId, String state, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String now = state(deploymentId);
            if (now.equals(state)) {
                return;
            }
            if (now.equals("FAILED") || now.equals("STALLED") || now.equals("CANCELLED")
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("deployment " + deploymentId + " is " + now + ", expected " + state
                        + ": " + call("GET", "/v1/deployments/" + deploymentId + "/logs?follow=false", null, null));
            }
            Thread.sleep(20);
        }
    }
}
