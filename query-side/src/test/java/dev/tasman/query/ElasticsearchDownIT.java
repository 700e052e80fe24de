package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasman.api.access.TokenKind;
import dev.tasman.embedded.LocalElasticsearch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged query side pointed at an Elasticsearch that is not there: it starts, the dashboard answers, and
 * logs, metrics and the telemetry intake answer 503 saying which Elasticsearch cannot be reached. A process of
 * its own (not the tests' shared app), so the outage is real: nothing listens on the port it is given. Then the
 * port starts leading to a real node, and what was recorded during the outage shows up: nothing was skipped.
 */
class ElasticsearchDownIT {

    @Test
    void givenNoElasticsearch_whenTheQuerySideRuns_thenTheDashboardAnswersLogsSay503AndNothingIsLostOnceItIsBack()
            throws Exception {
        String database = TestDatabases.freshEventStore();
        int closed = freePort();
        int port = freePort();
        Platform platform = new Platform(new StoredEvents(new DriverManagerDataSource(database)));
        String admin = platform.token("admin", TokenKind.ADMIN, null);
        String edge = platform.activeEdge("syd");
        String edgeToken = platform.token("edge:syd", TokenKind.EDGE, edge);
        Platform.Project alice = platform.project("alice");
        String deployment = platform.queued(alice, "alice");
        String prefix = "tasman-down-" + Long.toString(System.nanoTime(), 36);

        ProcessBuilder start = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m", "-XX:+UseSerialGC", "-jar", execJar().toString(),
                "--tasman.query.elasticsearch.index-prefix=" + prefix,
                "--tasman.query.elasticsearch.retry-interval=500ms").redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("query-side-es-down", ".log").toFile());
        start.environment().put("TASMAN_DB_URL", database);
        start.environment().put("TASMAN_ES_URL", "http://127.0.0.1:" + closed);
        start.environment().put("TASMAN_QUERY_PORT", Integer.toString(port));
        start.environment().put("TASMAN_QUERY_DATA", Files.createTempDirectory("query-side-es-down").toString());
        Process process = start.start();
        try {
            Api api = new Api("http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> api.get("/v1/dashboard/projects", admin).status() == 200);

            assertThat(api.get("/v1/dashboard/projects", admin).body()).contains("alice");
            for (Api.Response response : new Api.Response[] {api.get("/v1/logs", admin),
                    api.get("/v1/metrics", admin), api.post("/v1/telemetry/requests", edgeToken,
                            "{\"edge\": \"syd\", \"records\": [], \"aggregates\": []}")}) {
                RunningQuerySide.assertProblem(response, 503, null);
                assertThat(response.json().path("detail").asText())
                        .contains("Elasticsearch at http://127.0.0.1:" + closed + " is unreachable");
            }
            assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);

            try (Forwarder back = new Forwarder(closed, URI.create(LocalElasticsearch.forTests()))) {
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                        .until(() -> api.get("/v1/logs?deployment=" + deployment, admin).body()
                                .contains("build queued"));
            }
        } finally {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Connections to {@code port} lead to {@code target} while open: Elasticsearch coming back. */
    private static final class Forwarder implements AutoCloseable {

        private final ServerSocket server;

        Forwarder(int port, URI target) throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(target.getHost(), target.getPort());
                        Thread.ofVirtual().start(() -> pipe(client, upstream));
                        Thread.ofVirtual().start(() -> pipe(upstream, client));
                    } catch (IOException closedOrRefused) {
                        // the server closed, or the node refused one connection: the client sees it as an outage
                    }
                }
            });
        }

        private static void pipe(Socket from, Socket to) {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException ended) {
                // one side closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path execJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("query-side-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("mvn package builds target/query-side-*-exec.jar"));
        }
    }
}
