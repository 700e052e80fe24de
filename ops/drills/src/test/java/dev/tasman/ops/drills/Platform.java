package dev.tasman.ops.drills;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The platform the way an operator runs it, on loopback: the packaged control plane (PostgreSQL embedded in
 * its data directory) and packaged edges, each a child process that a drill can stop, kill and start again.
 */
final class Platform implements AutoCloseable {

    static final List<String> EDGES = List.of("syd", "mel", "sin");
    private static final Map<String, String> REGIONS = Map.of("syd", "ap-southeast-2", "mel", "ap-southeast-4",
            "sin", "ap-southeast-1");

    private final Path root;
    private final int controlPort;
    private final Part control;
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private String adminToken;

    /** An edge process with its port and token; restartable on the same data directory. */
    record Edge(String id, int port, Part part) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private Platform(Path root, List<String> controlSettings) throws IOException {
        this.root = root;
        this.controlPort = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                jar("command-side/target", "command-side-").toString()));
        command.addAll(controlSettings);
        this.control = new Part("control-plane", command, Map.of("TASMAN_DATA", root.resolve("control").toString(),
                "TASMAN_CONTROL_PORT", Integer.toString(controlPort)), root.resolve("logs"));
    }

    /** Starts the control plane and the three edges syd, mel and sin, registered and active. */
    static Platform start(Path root, String... controlSettings) throws Exception {
        Platform platform = new Platform(root, List.of(controlSettings));
        try {
            platform.startControlPlane();
            for (String id : EDGES) {
                platform.addEdge(id);
            }
            for (String id : EDGES) {
                platform.awaitEdgeState(id, "ACTIVE", Duration.ofSeconds(60));
            }
            return platform;
        } catch (Exception | AssertionError e) {
            platform.close();
            throw e;
        }
    }

    void startControlPlane() throws Exception {
        control.start();
        control.awaitHttp(controlUrl() + "/actuator/health", Duration.ofSeconds(120));
        adminToken = Files.readString(root.resolve("control/admin-token")).trim();
    }

    Part controlPlane() {
        return control;
    }

    String controlUrl() {
        return "http://127.0.0.1:" + controlPort;
    }

    String adminToken() {
        return adminToken;
    }

    /** Registering is all it takes to add a region: the new edge syncs, then asks to become active. */
    Edge addEdge(String id) throws Exception {
        int port = freePort();
        Http.Response registered = api("POST", "/v1/edges", Map.of("id", id, "region", REGIONS.getOrDefault(id, "test-1"),
                "url", "http://127.0.0.1:" + port));
        if (registered.status() != 201) {
            throw new IllegalStateException("registering edge " + id + ": " + registered.body());
        }
        Path data = root.resolve("edges").resolve(id);
        Files.createDirectories(data);
        Path tokenFile = data.resolve("edge-token");
        Files.writeString(tokenFile, registered.json().get("token").asText());
        String publicKey = api("GET", "/v1/keys", null).json().at("/keys/0/publicKey").asText();
        Part part = new Part("edge-" + id, List.of(java(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                jar("edge-runtime/target", "edge-runtime-").toString(),
                "--id=" + id, "--region=" + REGIONS.getOrDefault(id, "test-1"), "--control-plane=" + controlUrl(),
                "--token-file=" + tokenFile, "--public-key=" + publicKey, "--data=" + data.resolve("state"),
                "--port=" + port), Map.of(), root.resolve("logs"));
        Edge edge = new Edge(id, port, part);
        edges.put(id, edge);
        startEdge(id);
        return edge;
    }

    void startEdge(String id) throws Exception {
        Edge edge = edges.get(id);
        edge.part().start();
        edge.part().awaitOutput("EDGE READY", Duration.ofSeconds(60));
    }

    Edge edge(String id) {
        return edges.get(id);
    }

    List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    Http.Response api(String method, String path, Object body) {
        return Http.api(method, controlUrl() + path, adminToken, body);
    }

    JsonNode deployment(String id) {
        return api("GET", "/v1/deployments/" + id, null).json();
    }

    void awaitEdgeState(String id, String state, Duration timeout) throws Exception {
        Drills.await("edge " + id + " " + state, timeout,
                () -> state.equals(api("GET", "/v1/edges/" + id, null).json().path("state").asText()));
    }

    /** Requests the origin has answered for blobs so far (the control plane's own request metrics). */
    long blobRequests() {
        String metrics = api("GET", "/actuator/prometheus", null).body();
        return metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                        && line.contains("uri=\"/v1/origin/blobs/{sha256}\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    Path logs() {
        return root.resolve("logs");
    }

    @Override
    public void close() throws InterruptedException {
        for (Edge edge : edges.values()) {
            edge.part().stop();
        }
        control.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path jar(String directory, String prefix) throws IOException {
        Path home = Path.of(System.getProperty("tasman.home", "../..")).toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(home.resolve(directory))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + directory + "/" + prefix
                            + "*-exec.jar: build with mvn install first"));
        }
    }
}
