package dev.tasman.ops.drills;

import dev.tasman.embedded.LocalElasticsearch;
import dev.tasman.embedded.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform with its dashboard for a whole test class: one PostgreSQL (started here, so the query side can
 * read the control plane's event store), the control plane allowing the dashboard's origin, edges syd, mel and
 * sin, project {@code hello}, Elasticsearch for the logs ({@code TASMAN_ES_URL}, or a node started for this JVM),
 * the query side serving the page, and a headless Chromium.
 */
final class RunningDashboard implements BeforeAllCallback, AfterAllCallback {

    private LocalPostgres postgres;
    private Platform platform;
    private QuerySide querySide;
    private Browser browser;
    private Path root;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("tasman-drill-");
        postgres = LocalPostgres.start(root.resolve("postgres"), 0);
        String database = postgres.ensureDatabase("tasman");
        int queryPort = Platform.freePort();
        platform = Platform.start(root, "--tasman.control.database.url=" + database,
                "--tasman.control.cors.allowed-origins=http://127.0.0.1:" + queryPort);
        Http.Response created = platform.api("POST", "/v1/projects", Map.of("name", "hello"));
        if (created.status() != 201) {
            throw new IllegalStateException("creating project hello: " + created.body());
        }
        querySide = new QuerySide(root, queryPort, database, platform.controlUrl(), LocalElasticsearch.forTests());
        browser = new Browser();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (querySide != null) {
            querySide.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    Platform platform() {
        return platform;
    }

    Browser browser() {
        return browser;
    }

    String dashboardUrl() {
        return querySide.url();
    }

    Path root() {
        return root;
    }
}
