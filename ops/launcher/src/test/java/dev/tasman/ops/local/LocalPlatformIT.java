package dev.tasman.ops.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tasman-local up} as a user runs it: a real process tree, stopped and started again on the same data. */
class LocalPlatformIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void upPrintsReadyWritesEndpointsAndASecondUpOnTheSameDataKeepsEverything() throws Exception {
        Launched first = up();
        JsonNode endpoints = json.readTree(data.resolve("endpoints.json").toFile());
        assertThat(first.readyLine()).isEqualTo("READY " + data.resolve("endpoints.json"));
        String api = endpoints.get("controlPlane").asText();
        String token = Files.readString(Path.of(endpoints.get("adminTokenFile").asText())).trim();

        String live = json.readTree(send("GET", api + "/v1/projects/hello", token, null).body())
                .get("liveDeploymentId").asText();
        assertThat(endpoints.get("edges")).hasSize(3);
        for (JsonNode edge : endpoints.get("edges")) {
            assertThat(edge.get("hello").asText()).startsWith("http://hello.localhost:");
            HttpResponse<String> page = hello(edge.get("url").asText());
            assertThat(page.statusCode()).as("hello on edge %s", edge.get("id")).isEqualTo(200);
            assertThat(page.headers().firstValue("x-tasman-deployment")).hasValue(live);
        }
        String query = endpoints.get("querySide").asText();
        assertThat(endpoints.get("dashboard").asText()).isEqualTo(query + "/");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(endpoints.get("elasticsearch").asText() + "/_cluster/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("Elasticsearch answers").isEqualTo(200);
        assertThat(eventuallyLiveInReadModel(query, token)).as("the query side's read model").isEqualTo(live);
        HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(URI.create(endpoints.get("dashboard").asText()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).as("the dashboard page").isEqualTo(200);
        assertThat(dashboard.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(eventuallyLogs(query, token, "kind=build")).as("hello's build log in Elasticsearch").isNotEmpty();
        JsonNode requests = eventuallyLogs(query, token, "kind=request");
        assertThat(requests).as("the edges' request telemetry").isNotEmpty();
        assertThat(requests.get(0).path("deployment").asText()).isEqualTo(live);
        assertThat(send("POST", api + "/v1/projects", token, "{\"name\":\"second\"}").statusCode()).isEqualTo(201);
        Launched second = launcher("up");
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).as("a second up on a running DIR refuses").isEqualTo(1);

        first.process().destroy();   // what Ctrl-C does: the launcher stops every part
        assertThat(first.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(data.resolve("launcher.pid")).doesNotExist();
        assertThat(data.resolve("run/control-plane.pid")).doesNotExist();

        Launched again = up();
        assertThat(send("GET", api + "/v1/projects/second", token, null).statusCode()).isEqualTo(200);
        HttpResponse<String> project = send("GET", api + "/v1/projects/hello", token, null);
        assertThat(json.readTree(project.body()).get("liveDeploymentId").asText()).as("still live").isEqualTo(live);
        JsonNode restarted = json.readTree(data.resolve("endpoints.json").toFile());
        for (JsonNode edge : restarted.get("edges")) {
            assertThat(hello(edge.get("url").asText()).headers().firstValue("x-tasman-deployment")).hasValue(live);
        }
        assertThat(eventuallyLiveInReadModel(restarted.get("querySide").asText(), token))
                .as("the read model after a restart").isEqualTo(live);

        Process down = launcher("down").process();
        assertThat(down.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(down.exitValue()).isZero();
        assertThat(again.process().waitFor(30, TimeUnit.SECONDS)).as("down stopped the running launcher").isTrue();
    }

    @Test
    void givenAPartThatCannotStart_whenUp_thenItIsNamedWithTheEndOfItsLogAndEverythingElseStops() throws Exception {
        // the control plane refuses a secrets key that is not base64 of 32 bytes, and the launcher passes it on
        Process launched = launcher("up", Map.of("TASMAN_SECRETS_KEY", "not a key")).process();
        var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(launched.getInputStream().readAllBytes());
            } catch (IOException e) {
                return e.toString();
            }
        });

        boolean exited = launched.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            launched.destroyForcibly();
        }
        String output = read.get(30, TimeUnit.SECONDS);
        assertThat(exited).as("the launcher gave up; it said:%n%s", output).isTrue();
        assertThat(launched.exitValue()).isEqualTo(1);
        assertThat(output).contains("Tasman did not start: control-plane exited")
                .contains("Last lines of " + data.resolve("logs/control-plane.log"))
                .contains("secrets-key must be base64 of 32 bytes")
                .doesNotContain("READY");
        assertThat(data.resolve("launcher.pid")).doesNotExist();
        try (var pids = Files.list(data.resolve("run"))) {
            assertThat(pids.toList()).as("no part left running").isEmpty();
        }
        assertThat(data.resolve("postgres/postmaster.pid")).as("PostgreSQL stopped").doesNotExist();
        Path search = dev.tasman.embedded.LocalElasticsearch.directoryFor(data.resolve("elasticsearch"));
        assertThat(search.resolve("node.pid")).as("Elasticsearch stopped").doesNotExist();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(search.toString())).orElse(false)).toList()).as("Elasticsearch processes").isEmpty();
    }

    private record Launched(Process process, String readyLine, List<String> output) {
    }

    private Launched up() throws Exception {
        Launched launched = launcher("up");
        BufferedReader lines = new BufferedReader(new InputStreamReader(launched.process().getInputStream()));
        List<String> output = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
            output.add(line);
            if (line.startsWith("READY ")) {
                // keep draining so the launcher never blocks on a full pipe
                Thread drain = new Thread(() -> lines.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Launched(launched.process(), line, output);
            }
        }
        launched.process().destroyForcibly();
        throw new AssertionError("no READY line; launcher said:\n" + String.join("\n", output));
    }

    private Launched launcher(String command) throws IOException {
        return launcher(command, Map.of());
    }

    private Launched launcher(String command, Map<String, String> environment) throws IOException {
        Path jar;
        try (var files = Files.list(ROOT.resolve("ops/launcher/target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtasman.home=" + ROOT, "-jar", jar.toString(), command, "--data", data.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new Launched(builder.start(), null, List.of());
    }

    /** The live deployment of hello as the dashboard read model has it, once it has caught up (up to a minute). */
    private String eventuallyLiveInReadModel(String querySide, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String live = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> project = send("GET", querySide + "/v1/dashboard/projects/hello", token, null);
            if (project.statusCode() == 200) {
                live = json.readTree(project.body()).path("liveDeploymentId").asText(null);
                if (live != null) {
                    return live;
                }
            }
            Thread.sleep(250);
        }
        return live;
    }

    /** hello's log lines of one kind once they are there (up to two minutes: edges ship every few seconds). */
    private JsonNode eventuallyLogs(String querySide, String token, String filter) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode items = json.createArrayNode();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> logs = send("GET", querySide + "/v1/logs?project=hello&" + filter, token, null);
            if (logs.statusCode() == 200) {
                items = json.readTree(logs.body()).path("items");
                if (!items.isEmpty()) {
                    return items;
                }
            }
            Thread.sleep(500);
        }
        return items;
    }

    /** GET / from an edge for hello.localhost (the Host a browser sends for the printed link). */
    private HttpResponse<String> hello(String edgeUrl) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(edgeUrl + "/")).header("Host", "hello.localhost").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
