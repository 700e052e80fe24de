package dev.tasman.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.embedded.LocalElasticsearch;
import dev.tasman.embedded.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The platform as an operator runs it, on loopback: the packaged control plane (PostgreSQL embedded in its
 * data directory) and packaged edges syd, mel and sin, each a child process. Adapted from ops/drills.
 * {@link #withQuerySide} runs the control plane and the packaged query side instead, on one PostgreSQL
 * (embedded in the test JVM) and one Elasticsearch as {@code ./tasman-local} runs them, with no edges.
 */
final class Platform implements AutoCloseable {

    static final List<String> EDGES = List.of("syd", "mel", "sin");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root;
    private final int controlPort;
    private final Part control;
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final LocalPostgres postgres;
    private final int queryPort;
    private Part query;
    private String adminToken;

    record Edge(String id, int port, Part part) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    record Response(int status, String body, Map<String, List<String>> headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private Platform(Path root, LocalPostgres postgres) throws IOException {
        this.root = root;
        this.postgres = postgres;
        this.controlPort = freePort();
        this.queryPort = freePort();
        Map<String, String> controlSettings = new LinkedHashMap<>(Map.of("TASMAN_DATA",
                root.resolve("control").toString(), "TASMAN_CONTROL_PORT", Integer.toString(controlPort)));
        if (postgres != null) {
            controlSettings.put("TASMAN_DB_URL", postgres.jdbcUrl("tasman"));
            controlSettings.put("TASMAN_QUERY_URL", queryUrl());
        }
        this.control = new Part("control-plane", List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                jar("command-side/target", "command-side-").toString()), controlSettings, root.resolve("logs"));
    }

    private Part querySide(String elasticsearch) throws IOException {
        return new Part("query-side", List.of(java(), "-Xmx320m", "-XX:+UseSerialGC", "-jar",
                jar("query-side/target", "query-side-").toString()), Map.of("TASMAN_DB_URL", postgres.jdbcUrl("tasman"),
                "TASMAN_QUERY_PORT", Integer.toString(queryPort), "TASMAN_QUERY_DATA", root.resolve("query").toString(),
                "TASMAN_ES_URL", elasticsearch), root.resolve("logs"));
    }

    /**
     * Starts PostgreSQL, Elasticsearch ({@code TASMAN_ES_URL} or one for this JVM), the control plane (told
     * where the query side is) and the query side, and waits until the query side knows the control plane's
     * admin token.
     */
    static Platform withQuerySide(Path root) throws Exception {
        // Elasticsearch takes 20-40 s to come up: it starts while PostgreSQL and the control plane do.
        java.util.concurrent.CompletableFuture<String> elasticsearch =
                java.util.concurrent.CompletableFuture.supplyAsync(LocalElasticsearch::forTests);
        LocalPostgres postgres = LocalPostgres.startThrowaway();
        postgres.ensureDatabase("tasman");
        Platform platform = new Platform(root, postgres);
        try {
            platform.control.start();
            platform.control.awaitHttp(platform.controlUrl() + "/actuator/health", Duration.ofSeconds(120));
            platform.adminToken = Files.readString(root.resolve("control/admin-token")).trim();
            platform.query = platform.querySide(elasticsearch.join()).start();
            platform.query.awaitHttp(platform.queryUrl() + "/actuator/health", Duration.ofSeconds(120));
            await("the query side to accept the admin token", Duration.ofSeconds(60),
                    () -> platform.query("/v1/admin/replay/dashboard").status() == 200);
            return platform;
        } catch (Exception | AssertionError e) {
            platform.close();
            throw e;
        }
    }

    /** Starts the control plane and the edges syd, mel and sin, registered and active. */
    static Platform start(Path root) throws Exception {
        Platform platform = new Platform(root, null);
        try {
            platform.control.start();
            platform.control.awaitHttp(platform.controlUrl() + "/actuator/health", Duration.ofSeconds(120));
            platform.adminToken = Files.readString(root.resolve("control/admin-token")).trim();
            for (String id : EDGES) {
                platform.addEdge(id);
            }
            for (Edge edge : platform.edges()) {
                edge.part().awaitOutput("EDGE READY", Duration.ofSeconds(60));
            }
            for (String id : EDGES) {
                await("edge " + id + " ACTIVE", Duration.ofSeconds(60), () -> "ACTIVE".equals(
                        platform.api("GET", "/v1/edges/" + id, null).json().path("state").asText()));
            }
            return platform;
        } catch (Exception | AssertionError e) {
            platform.close();
            throw e;
        }
    }

    String controlUrl() {
        return "http://127.0.0.1:" + controlPort;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    String adminToken() {
        return adminToken;
    }

    List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    Path logs() {
        return root.resolve("logs");
    }

    private void addEdge(String id) throws Exception {
        int port = freePort();
        Response registered = api("POST", "/v1/edges", Map.of("id", id, "region", "test-" + id,
                "url", "http://127.0.0.1:" + port));
        if (registered.status() != 201) {
            throw new IllegalStateException("registering edge " + id + ": " + registered.body());
        }
        Path data = Files.createDirectories(root.resolve("edges").resolve(id));
        Path tokenFile = data.resolve("edge-token");
        Files.writeString(tokenFile, registered.json().get("token").asText());
        String publicKey = api("GET", "/v1/keys", null).json().at("/keys/0/publicKey").asText();
        Part part = new Part("edge-" + id, List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                jar("edge-runtime/target", "edge-runtime-").toString(), "--id=" + id, "--region=test-" + id,
                "--control-plane=" + controlUrl(), "--token-file=" + tokenFile, "--public-key=" + publicKey,
                "--data=" + data.resolve("state"), "--port=" + port), Map.of(), root.resolve("logs"));
        edges.put(id, new Edge(id, port, part));
        part.start(); // the edges start side by side; start() awaits them all
    }

    /** The control plane's API with the admin token. */
    Response api(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(controlUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + adminToken)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET from the query side with the admin token. */
    Response query(String path) {
        return send(HttpRequest.newBuilder(URI.create(queryUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken).build());
    }

    /** GET from an edge as a browser asking for {@code host} would (jdk.httpclient.allowRestrictedHeaders=host). */
    static Response site(Edge edge, String host, String path) {
        return send(HttpRequest.newBuilder(URI.create(edge.url() + path)).timeout(Duration.ofSeconds(10))
                .header("Host", host).build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a part may still be switching
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    /** Stops every part, then deletes every file under the root but the parts' logs (for a look after a failure). */
    @Override
    public void close() throws InterruptedException, IOException {
        for (Edge edge : edges.values()) {
            edge.part().stop();
        }
        if (query != null) {
            query.stop();
        }
        control.stop();
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.startsWith(logs()) && !file.equals(root)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path home() {
        return Path.of(System.getProperty("tasman.home", "..")).toAbsolutePath().normalize();
    }

    private static Path jar(String directory, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(home().resolve(directory))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + directory + "/" + prefix
                            + "*-exec.jar: build with mvn install first"));
        }
    }
}
