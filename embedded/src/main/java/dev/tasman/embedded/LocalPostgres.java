package dev.tasman.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries in a jar (zonky), for machines with only a JDK.
 * The data directory persists unless the caller asks for a throwaway one; a server left running by a
 * process that was killed is stopped first, so a restart after {@code kill -9} just works.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    public static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts (or restarts) the server whose data lives in {@code dataDirectory}; port 0 picks a free one.
     * Durable: every commit is flushed to disk before it returns, so a committed event survives a kill of
     * any process, PostgreSQL's own included.
     */
    public static LocalPostgres start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true);
    }

    private static LocalPostgres start(Path dataDirectory, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(true)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky runs with -F and synchronous_commit=off (test speed); -c options come after -F
                    // on the command line and win, so a persistent store gets PostgreSQL's durable defaults.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres server = builder.start();
            log.info("PostgreSQL started on 127.0.0.1:{} with data in {} ({}, {} ms)", server.getPort(), dataDirectory,
                    durable ? "durable" : "throwaway: no fsync", Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new LocalPostgres(server, dataDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /** A server whose data is deleted when it stops, without fsync: for tests. */
    public static LocalPostgres startThrowaway() {
        try {
            Path dir = Files.createTempDirectory("tasman-pg-");
            LocalPostgres postgres = start(dir, 0, false);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
            return postgres;
        } catch (IOException e) {
            throw new IllegalStateException("Could not create a temporary directory for PostgreSQL", e);
        }
    }

    /**
     * Runs a server in its own process until killed: {@code LocalPostgres <data dir> [port]}. Prints
     * {@code READY <port>} once it accepts connections. The launcher and the kill tests use it.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: LocalPostgres <data directory> [port]");
            System.exit(2);
        }
        LocalPostgres postgres = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 0);
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        System.out.println("READY " + postgres.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + USER;
    }

    /** Creates {@code database} unless it exists; returns its JDBC URL. */
    public String ensureDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + database + "' must match " + DATABASE_NAME);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (Statement create = c.createStatement()) {
                    create.execute("create database " + database);
                }
            }
            return jdbcUrl(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            log.info("PostgreSQL on port {} stopped", port());
        } catch (IOException e) {
            log.warn("PostgreSQL on port {} did not stop cleanly: {}", port(), e.getMessage());
        }
    }

    /**
     * A postmaster whose parent was killed keeps running and holds the data directory. Its pid is the
     * first line of postmaster.pid; if that process is a live postgres, stop it and wait.
     */
    static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier process", process.pid(),
                dataDirectory);
        process.destroy();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
