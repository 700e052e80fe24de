package dev.tasman.ops.bench;

import dev.tasman.control.ControlPlaneApplication;
import dev.tasman.embedded.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The control plane in this JVM on a durable embedded PostgreSQL, as the benchmarks drive it. */
final class BenchControlPlane implements AutoCloseable {

    final LocalPostgres postgres;
    final String databaseUrl;
    final ConfigurableApplicationContext app;
    final String base;
    final String token;

    BenchControlPlane(Path work) throws Exception {
        postgres = LocalPostgres.start(work.resolve("postgres"), 0);
        databaseUrl = postgres.ensureDatabase("tasman");
        // Command-line arguments: they outrank application.properties (default properties would not).
        app = new SpringApplicationBuilder(ControlPlaneApplication.class)
                .run("--server.port=0", "--tasman.control.database.url=" + databaseUrl,
                        "--tasman.control.data-directory=" + work.resolve("control"),
                        "--logging.level.root=WARN", "--logging.structured.format.console=");
        base = "http://127.0.0.1:" + app.getBean(Environment.class).getProperty("local.server.port");
        token = Files.readString(work.resolve("control/admin-token")).trim();
    }

    @Override
    public void close() {
        app.close();
        postgres.close();
    }
}
