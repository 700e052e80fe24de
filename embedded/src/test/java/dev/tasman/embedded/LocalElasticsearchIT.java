package dev.tasman.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalElasticsearchIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private Path directory;

    @AfterEach
    void removeNode() throws Exception {
        if (directory != null) {
            ElasticsearchDistribution.deleteTree(directory);
        }
    }

    @Test
    void givenADocumentIndexed_whenTheNodeIsRestartedOnTheSameDirectory_thenTheDocumentIsStillThere() throws Exception {
        Files.createDirectories(Path.of("/var/tmp/tasman-elasticsearch"));
        directory = Files.createTempDirectory(Path.of("/var/tmp/tasman-elasticsearch"), "it-");

        try (LocalElasticsearch node = LocalElasticsearch.start(directory, 0)) {
            HttpResponse<String> indexed = send(node, "PUT", "/kept/_doc/1?refresh=true", "{\"line\":\"hello from the first run\"}");
            assertThat(indexed.statusCode()).isEqualTo(201);
        }
        try (LocalElasticsearch node = LocalElasticsearch.start(directory, 0)) {
            HttpResponse<String> found = send(node, "GET", "/kept/_doc/1", null);

            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains("hello from the first run");
        }
    }

    @Test
    void givenTheTestNode_whenAskedForItsHealth_thenItIsASingleNodeClusterOnLoopback() throws Exception {
        String url = LocalElasticsearch.forTests();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"number_of_nodes\":1");
        assertThat(LocalElasticsearch.forTests()).as("one node per JVM").isEqualTo(url);
    }

    @Test
    void givenANodeStartedByAJvm_whenThatJvmIsKilled_thenTheNodeStopsToo() throws Exception {
        Files.createDirectories(Path.of("/var/tmp/tasman-elasticsearch"));
        directory = Files.createTempDirectory(Path.of("/var/tmp/tasman-elasticsearch"), "it-");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalElasticsearch.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream()));
        String ready = null;
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                ready = line;
                break;
            }
        }
        assertThat(ready).as("the owner JVM started a node").isNotNull();
        String url = "http://127.0.0.1:" + ready.substring("READY ".length());
        ProcessHandle node = ProcessHandle.of(Long.parseLong(Files.readString(directory.resolve("node.pid")).trim()))
                .orElseThrow();
        var started = node.descendants().toList();

        owner.destroyForcibly();   // SIGKILL: no shutdown hook runs
        assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(node.onExit().get(2, TimeUnit.MINUTES).isAlive()).isFalse();
        for (ProcessHandle process : started) {
            assertThat(process.onExit().get(1, TimeUnit.MINUTES).isAlive()).as("%s", process.info().command()).isFalse();
        }
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).timeout(Duration.ofSeconds(5)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> send(LocalElasticsearch node, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
