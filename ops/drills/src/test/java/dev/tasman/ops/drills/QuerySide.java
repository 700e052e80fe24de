package dev.tasman.ops.drills;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packaged query side as a child process: it reads the control plane's database, indexes logs in
 * Elasticsearch and serves the dashboard.
 */
final class QuerySide implements AutoCloseable {

    private final int port;
    private final Part part;

    QuerySide(Path root, int port, String databaseUrl, String controlUrl, String elasticsearchUrl) throws Exception {
        this.port = port;
        this.part = new Part("query-side", List.of(Platform.java(), "-Xmx384m", "-XX:+UseSerialGC", "-jar",
                Platform.jar("query-side/target", "query-side-").toString()),
                Map.of("TASMAN_DB_URL", databaseUrl, "TASMAN_CONTROL_URL", controlUrl, "TASMAN_ES_URL", elasticsearchUrl,
                        "TASMAN_QUERY_PORT", Integer.toString(port), "TASMAN_QUERY_DATA", root.resolve("query").toString()),
                root.resolve("logs"));
        part.start();
        part.awaitHttp(url() + "/actuator/health", Duration.ofSeconds(180));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        part.stop();
    }
}
