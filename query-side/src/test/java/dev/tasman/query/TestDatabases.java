package dev.tasman.query;

import dev.tasman.embedded.LocalPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for this JVM's tests, as the control plane's tests find one (decision 0006): the server
 * named by {@code TASMAN_DB_URL}, else Testcontainers where a Docker engine runs, else an embedded one from a
 * jar. Each caller gets a fresh database holding an empty event store, as the control plane's Flyway leaves it.
 */
final class TestDatabases {

    private static Server server;

    private TestDatabases() {
    }

    private interface Server {
        String create(String database);
    }

    static synchronized String freshEventStore() {
        if (server == null) {
            server = start();
        }
        String url = server.create("tasman_query_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        EventStoreTable.create(url);
        return url;
    }

    private static Server start() {
        String external = System.getenv("TASMAN_DB_URL");
        if (external != null && !external.isBlank()) {
            return database -> createNextTo(external, database);
        }
        if (dockerRuns()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            String url = container.getJdbcUrl() + "?user=" + container.getUsername() + "&password="
                    + container.getPassword();
            return database -> createNextTo(url, database);
        }
        LocalPostgres postgres = LocalPostgres.startThrowaway();
        return postgres::ensureDatabase;
    }

    private static boolean dockerRuns() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** A server reached by URL: the test database is created next to the one named. */
    private static String createNextTo(String url, String database) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + database + ": " + e.getMessage(), e);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
    }
}
