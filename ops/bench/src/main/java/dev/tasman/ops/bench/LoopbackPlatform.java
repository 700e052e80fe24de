package dev.tasman.ops.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.embedded.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The platform as an operator runs it, on loopback: PostgreSQL (durable, as {@code ./tasman-local} starts it),
 * the packaged control plane and packaged edges, each its own process started as their READMEs say. Separate
 * processes rather than the control plane in this JVM (as {@link BenchControlPlane} runs it): what is
 * measured here crosses process boundaries in production (feed, blob fetches, acknowledgements), and the
 * benchmark's own load generators and pollers must not share a heap and GC pauses with what they measure.
 */
final class LoopbackPlatform implements AutoCloseable {

    /** An edge process: its id and where it serves. */
    record Edge(String id, int port, BenchProcess process) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final Path work;
    private final LocalPostgres postgres;
    private final String databaseUrl;
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private ControlApi api;

    private LoopbackPlatform(Path work) throws IOException {
        this.work = work;
        // PostgreSQL's start-up chatter, line by line, would bury the figures.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
        this.postgres = LocalPostgres.start(work.resolve("postgres"), 0);
        Files.writeString(work.resolve("pids/postgres.pid"),
                Files.readAllLines(work.resolve("postgres/postmaster.pid")).getFirst());
        this.databaseUrl = postgres.ensureDatabase("tasman");
    }

    /**
     * PostgreSQL, the control plane and the edges named, each registered and ACTIVE, with project {@code project}.
     * {@code edgeSettings} (e.g. {@code --blob-fetches=16}) are given to every edge after the ones made here.
     */
    static LoopbackPlatform start(Path work, List<String> edgeIds, String project, List<String> edgeSettings)
            throws Exception {
        Files.createDirectories(work.resolve("pids"));
        LoopbackPlatform platform = new LoopbackPlatform(work);
        try {
            platform.startControlPlane();
            for (String id : edgeIds) {
                platform.startEdge(id, edgeSettings);
            }
            for (String id : edgeIds) {
                platform.awaitActive(id);
            }
            platform.api.json("POST", "/v1/projects", "{\"name\":\"" + project + "\"}");
            return platform;
        } catch (Exception e) {
            platform.close();
            throw e;
        }
    }

    private void startControlPlane() throws Exception {
        int port = freePort();
        BenchProcess control = BenchProcess.start(work, "control-plane",
                List.of(java(), "-Xmx512m", "-jar", jar("command-side/target", "command-side-").toString()),
                Map.of("TASMAN_DB_URL", databaseUrl, "TASMAN_DATA", work.resolve("control").toString(),
                        "TASMAN_CONTROL_PORT", Integer.toString(port)));
        control.awaitPort(port, Duration.ofSeconds(180));
        api = new ControlApi("http://127.0.0.1:" + port, Files.readString(work.resolve("control/admin-token")).trim());
        awaitHealthy(control);
    }

    private void awaitHealthy(BenchProcess control) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                api.call("GET", "/actuator/health", null, null);
                return;
            } catch (IOException | IllegalStateException notYet) {
                control.checkAlive();
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Registers the edge and starts it with its defaults, as edge-runtime/README.md runs one. */
    private void startEdge(String id, List<String> settings) throws Exception {
        int port = freePort();
        JsonNode registered = api.json("POST", "/v1/edges", ControlApi.JSON.writeValueAsString(
                Map.of("id", id, "region", "bench-" + id, "url", "http://127.0.0.1:" + port)));
        Path data = Files.createDirectories(work.resolve("edges").resolve(id));
        Path tokenFile = data.resolve("edge-token");
        Files.writeString(tokenFile, registered.path("token").asText());
        String publicKey = api.json("GET", "/v1/keys", null).at("/keys/0/publicKey").asText();
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar("edge-runtime/target", "edge-runtime-").toString(),
                "--id=" + id, "--region=bench-" + id, "--control-plane=" + controlUrl(), "--token-file=" + tokenFile,
                "--public-key=" + publicKey, "--data=" + data.resolve("state"), "--port=" + port));
        command.addAll(settings);
        BenchProcess edge = BenchProcess.start(work, "edge-" + id, command, Map.of());
        edge.awaitOutput("EDGE READY", Duration.ofSeconds(60));
        edges.put(id, new Edge(id, port, edge));
    }

    private void awaitActive(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!api.json("GET", "/v1/edges/" + id, null).path("state").asText().equals("ACTIVE")) {
            edges.get(id).process().checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("edge " + id + " did not become ACTIVE within 60 s: "
                        + api.call("GET", "/v1/edges/" + id, null, null));
            }
            Thread.sleep(100);
        }
    }

    ControlApi api() {
        return api;
    }

    String controlUrl() {
        return api == null ? null : api.base();
    }

    List<Edge> edges() {
        return List.copyOf(edges.values());
    }

    /**
     * Requests the control plane has answered on {@code uri} (its route template) and the seconds it spent on
     * them, from its own metrics: {count, seconds}.
     */
    double[] served(String uri) throws Exception {
        double[] served = new double[2];
        api.call("GET", "/actuator/prometheus", null, null).lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_") && line.contains("uri=\"" + uri + "\""))
                .forEach(line -> {
                    double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    if (line.startsWith("http_server_requests_seconds_count")) {
                        served[0] += value;
                    } else if (line.startsWith("http_server_requests_seconds_sum")) {
                        served[1] += value;
                    }
                });
        return served;
    }

    /** When each event about {@code deploymentId} was stored, by payload type (simple name), from the event store. */
    List<StoredEvent> events(String deploymentId) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(databaseUrl);
             PreparedStatement select = connection.prepareStatement("select payloadtype, timestamp, payload"
                     + " from domainevententry where payload like ? order by globalindex")) {
            select.setString(1, "%\"deploymentId\":\"" + deploymentId + "\"%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    events.add(new StoredEvent(type.substring(type.lastIndexOf('.') + 1), Instant.parse(rows.getString(2)),
                            ControlApi.JSON.readTree(rows.getString(3))));
                }
            }
        }
        return events;
    }

    /** One stored event: its type's simple name, its timestamp and its payload. */
    record StoredEvent(String type, Instant timestamp, JsonNode payload) {
    }

    @Override
    public void close() {
        BenchProcess.stopAll();
        postgres.close();
        try {
            Files.deleteIfExists(work.resolve("pids/postgres.pid"));
        } catch (IOException ignored) {
            // the script's trap checks that a pid is still alive before it signals it
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

    /** A runnable jar of this checkout ({@code tasman.home}, set by run.sh's working directory). */
    static Path jar(String directory, String prefix) throws IOException {
        Path home = Path.of(System.getProperty("tasman.home", ".")).toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(home.resolve(directory))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + home.resolve(directory) + "/"
                            + prefix + "*-exec.jar: ops/bench/run.sh builds it"));
        }
    }
}
