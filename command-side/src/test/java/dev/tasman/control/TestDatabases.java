package dev.tasman.control;

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
 * A real PostgreSQL for the tests of this JVM, started once: the server named by {@code TASMAN_DB_URL}
 * if set, else a Testcontainers one where a Docker engine runs, else an embedded one from a jar.
 * Each caller gets a fresh database in it, so tests never see each other's events.
 */
public final class TestDatabases {

    private static Server server;

    private TestDatabases() {
    }

    public static synchronized String freshDatabase() {
        if (server == null) {
            server = start();
        }
        return server.create("tasman_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** Which kind of server the tests run on, for logs and reports. */
    public static synchronized String description() {
        freshDatabase();
        return server.description();
    }

    private interface Server {
        String create(String database);

        String description();
    }

    private static Server start() {
        String external = System.getenv("TASMAN_DB_URL");
        if (external != null && !external.isBlank()) {
            return new External(external);
        }
        if (dockerRuns()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
            container.start();
            return new External(container.getJdbcUrl() + "?user=" + container.getUsername() + "&password="
                    + container.getPassword());
        }
        LocalPostgres postgres = LocalPostgres.startThrowaway();
        return new Server() {
            @Override
            public String create(String database) {
                return postgres.ensureDatabase(database);
            }

            @Override
            public String description() {
                return "embedded PostgreSQL on port " + postgres.port();
            }
        };
    }

    private static boolean dockerRuns() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** A server reached by URL: databases are created next to the one named. */
    private record External(String url) implements Server {

        @Override
        public String create(String database) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("create database " + database);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create test database " + database + ": " + e.getMessage(), e);
            }
            URI uri = URI.create(url.substring("jdbc:".length()));
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
        }

        @Override
        public String description() {
            return "PostgreSQL at " + url.replaceAll("\\?.*", "");
        }
    }
}
