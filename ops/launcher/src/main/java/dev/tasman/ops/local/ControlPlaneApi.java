package dev.tasman.ops.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few control-plane calls the launcher makes, as the admin. */
final class ControlPlaneApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    record Answer(int status, JsonNode body) {

        String detail() {
            return body.path("detail").asText(body.toString());
        }
    }

    ControlPlaneApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * GETs are asked again, up to three times, when the connection fails: the client reuses pooled
     * connections, and one the server has closed meanwhile fails without an answer (seen on a loaded machine).
     */
    Answer get(String path) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return send(request(path).GET());
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Answer upload(String path, byte[] archive) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isBlank() ? JSON.createObjectNode()
                : JSON.readTree(body));
    }
}
