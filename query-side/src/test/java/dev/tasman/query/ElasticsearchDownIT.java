package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasman.api.access.TokenKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged query side pointed at an Elasticsearch that is not there: it starts, the dashboard answers, and
 * logs, metrics and the telemetry intake answer 503 saying which Elasticsearch cannot be reached. A process of
 * its own (not the tests' shared app), so the outage is real: nothing listens on the port it is given.
 */
class ElasticsearchDownIT {

    @Test
    void givenNoElasticsearch_whenTheQuerySideRuns_thenTheDashboardAnswersAndLogsMetricsAndTelemetrySay503()
            throws Exception {
        String database = TestDatabases.freshEventStore();
        int closed = freePort();
        int port = freePort();
        Platform platform = new Platform(new StoredEvents(new DriverManagerDataSource(database)));
        String admin = platform.token("admin", TokenKind.ADMIN, null);
        String edge = platform.activeEdge("syd");
        String edgeToken = platform.token("edge:syd", TokenKind.EDGE, edge);
        platform.project("alice");

        ProcessBuilder start = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m", "-XX:+UseSerialGC", "-jar", execJar().toString()).redirectErrorStream(true)
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
        } finally {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
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
