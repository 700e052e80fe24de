package dev.tasman.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch on 127.0.0.1, run as a child process from the distribution the build
 * resolved (see {@link ElasticsearchDistribution}). Security is off and it listens on loopback only: it is
 * for one machine's local platform and for tests. Elasticsearch refuses to run as root, so when this JVM is
 * root the node runs as {@code nobody} (via {@code setpriv}) and its directory is handed to that user.
 *
 * <p>The node's directory holds {@code config/}, {@code data/}, {@code logs/}, {@code tmp/},
 * {@code console.log} (its standard output) and {@code node.pid}. A node left running by a JVM that was
 * killed is stopped by the next start on the same directory.
 */
public final class LocalElasticsearch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalElasticsearch.class);
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final String HEAP = "256m";
    private static final String NOBODY = "nobody";
    private static final String NOGROUP = "nogroup";

    /**
     * Runs the node ({@code "$@"} after the JVM's pid) and stops it when this JVM is gone, however it went:
     * a JVM killed with SIGKILL runs no shutdown hook, and a node left behind holds half a gigabyte and its
     * directory's lock. /proc rather than {@code kill -0}: as nobody, signalling root's JVM is not allowed.
     */
    private static final String WATCHDOG = "parent=$1; shift; \"$@\" & node=$!; "
            + "trap 'kill -TERM $node 2>/dev/null; wait $node; exit 0' TERM INT; "
            + "while [ -d /proc/$parent ] && kill -0 $node 2>/dev/null; do sleep 2; done; "
            + "kill -TERM $node 2>/dev/null; wait $node";

    private static LocalElasticsearch forTests;

    private final Process process;
    private final Path directory;
    private final int port;

    private LocalElasticsearch(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts (or restarts) the node whose state lives in {@code directory}; port 0 picks a free one. Blocks
     * until the cluster is at least yellow; a node that exits or does not get there in time is stopped and
     * the failure names the last lines it printed.
     */
    public static LocalElasticsearch start(Path directory, int port) {
        ElasticsearchDistribution distribution = ElasticsearchDistribution.resolved();
        Path home = distribution.home();
        int httpPort = port > 0 ? port : freePort();
        long started = System.nanoTime();
        try {
            Path node = directory.toAbsolutePath().normalize();
            prepare(node, home);
            stopOrphanedNode(node);
            Process process = launch(node, home, httpPort);
            LocalElasticsearch elasticsearch = new LocalElasticsearch(process, node, httpPort);
            Files.writeString(node.resolve("node.pid"), Long.toString(process.pid()));
            elasticsearch.awaitReady();
            log.info("Elasticsearch {} started on {} with data in {} ({} ms)", distribution.version(), elasticsearch.url(),
                    node, Duration.ofNanos(System.nanoTime() - started).toMillis());
            return elasticsearch;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Elasticsearch in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code preferred} when the node can run there, else a directory of its own under /var/tmp. Run as root,
     * the node runs as nobody, who cannot enter a directory below one closed to others (a checkout under
     * /root, say); the state is then kept under /var/tmp, one directory per preferred path.
     */
    public static Path directoryFor(Path preferred) {
        Path absolute = preferred.toAbsolutePath().normalize();
        if (!isRoot() || reachableByOthers(absolute)) {
            return absolute;
        }
        String name = "local-" + Integer.toHexString(absolute.toString().hashCode());
        return Path.of("/var/tmp", "tasman-elasticsearch", name);
    }

    /** A node whose directory is deleted when it stops: for tests. */
    public static LocalElasticsearch startThrowaway() {
        try {
            Path root = Path.of("/var/tmp", "tasman-elasticsearch");
            Files.createDirectories(root);
            ElasticsearchDistribution.worldReadable(root);
            Path directory = Files.createTempDirectory(root, "node-");
            LocalElasticsearch node = start(directory, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                try {
                    ElasticsearchDistribution.deleteTree(directory);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            }));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a directory for Elasticsearch", e);
        }
    }

    /**
     * The base URL tests use: {@code TASMAN_ES_URL} when set (an external cluster), else one node started
     * for this JVM on first use and stopped when it exits.
     */
    public static synchronized String forTests() {
        String external = System.getenv("TASMAN_ES_URL");
        if (external != null && !external.isBlank()) {
            return external.replaceAll("/+$", "");
        }
        if (forTests == null) {
            forTests = startThrowaway();
        }
        return forTests.url();
    }

    /**
     * Runs a node in the foreground until killed: {@code LocalElasticsearch <directory> [port]}. Prints
     * {@code READY <port>} once the cluster is yellow. The launcher uses it.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: LocalElasticsearch <directory> [port]");
            System.exit(2);
        }
        LocalElasticsearch node;
        try {
            node = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 0);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        System.out.println("READY " + node.port());
        System.out.flush();
        node.process.waitFor();
        System.err.println("Elasticsearch exited with code " + node.process.exitValue() + "; last lines:\n"
                + node.lastLines(20));
        System.exit(1);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    /** Stops the node and everything it started; waits up to 30 s before forcing. */
    @Override
    public void close() {
        stopTree(process.toHandle());
        try {
            Files.deleteIfExists(directory.resolve("node.pid"));
        } catch (IOException e) {
            // the next start checks the pid it names anyway
        }
        log.info("Elasticsearch on port {} stopped", port);
    }

    private static void prepare(Path node, Path home) throws IOException {
        for (String sub : List.of("config", "data", "logs", "tmp")) {
            Files.createDirectories(node.resolve(sub));
        }
        // each node its own config: Elasticsearch writes its keystore there on first start
        try (Stream<Path> files = Files.list(home.resolve("config"))) {
            for (Path file : files.toList()) {
                Path copy = node.resolve("config").resolve(file.getFileName());
                if (Files.isRegularFile(file) && !Files.exists(copy)) {
                    Files.copy(file, copy);
                }
            }
        }
        if (isRoot()) {
            handToNobody(node);
            requireReachableByOthers(node);
        }
    }

    private static Process launch(Path node, Path home, int httpPort) throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOGROUP, "--clear-groups"));
        }
        Collections.addAll(command, "sh", "-c", WATCHDOG, "elasticsearch-watchdog",
                Long.toString(ProcessHandle.current().pid()));
        command.add(home.resolve("bin").resolve("elasticsearch").toString());
        Collections.addAll(command,
                "-E", "cluster.name=tasman-local",
                "-E", "node.name=" + node.getFileName(),
                "-E", "discovery.type=single-node",
                "-E", "network.host=127.0.0.1",
                "-E", "http.port=" + httpPort,
                "-E", "transport.port=0",
                "-E", "xpack.security.enabled=false",
                "-E", "cluster.routing.allocation.disk.threshold_enabled=false",
                "-E", "path.data=" + node.resolve("data"),
                "-E", "path.logs=" + node.resolve("logs"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(node.resolve("console.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ES_JAVA_OPTS", "-Xms" + HEAP + " -Xmx" + HEAP);
        builder.environment().put("ES_PATH_CONF", node.resolve("config").toString());
        builder.environment().put("ES_TMPDIR", node.resolve("tmp").toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with code " + process.exitValue()
                        + " while starting; last lines of " + directory.resolve("console.log") + ":\n" + lastLines(20));
            }
            try {
                HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while Elasticsearch was starting", e);
            }
            sleep(Duration.ofMillis(500));
        }
        String lines = lastLines(20);
        close();
        throw new IllegalStateException("Elasticsearch did not become ready on " + url() + " within "
                + STARTUP.toSeconds() + " s; last lines:\n" + lines);
    }

    String lastLines(int count) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    /**
     * A node whose parent JVM was killed keeps running and holds the data directory's lock. node.pid names
     * the process this class started; if it still runs an Elasticsearch, stop it and whatever it started.
     */
    private static void stopOrphanedNode(Path node) throws IOException {
        Path pidFile = node.resolve("node.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = parsePid(Files.readString(pidFile)).flatMap(ProcessHandle::of)
                .filter(p -> p.info().commandLine().map(c -> c.contains("elasticsearch")).orElse(false));
        if (orphan.isPresent()) {
            log.warn("Stopping Elasticsearch (pid {}) left running on {} by an earlier process", orphan.get().pid(), node);
            stopTree(orphan.get());
        }
        Files.deleteIfExists(pidFile);
    }

    /** SIGTERM to the launcher and the server it started, then up to 30 s each before SIGKILL. */
    private static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void handToNobody(Path node) throws IOException {
        UserPrincipalLookupService lookup = node.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal nobody = lookup.lookupPrincipalByName(NOBODY);
        GroupPrincipal nogroup = lookup.lookupPrincipalByGroupName(NOGROUP);
        // what the node wrote is nobody's already: only what this class created (the directories, the config
        // copies) is handed over, so a restart does not walk every file of a large index
        Path config = node.resolve("config");
        Files.walkFileTree(node, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(node) && !dir.equals(config) && Files.getOwner(dir).equals(nobody)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                handOver(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                handOver(file);
                return FileVisitResult.CONTINUE;
            }

            private void handOver(Path path) throws IOException {
                if (!Files.getOwner(path).equals(nobody)) {
                    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                    view.setOwner(nobody);
                    view.setGroup(nogroup);
                }
            }
        });
    }

    /** nobody must be able to walk down to the node's directory: say which directory stops it, not why ES failed. */
    private static void requireReachableByOthers(Path node) throws IOException {
        if (!reachableByOthers(node)) {
            throw new IOException("Elasticsearch runs as nobody (it refuses root), and nobody cannot enter a parent of "
                    + node + "; put its directory where others may enter (as /var/tmp), or set TASMAN_ES_URL");
        }
    }

    private static boolean reachableByOthers(Path node) {
        for (Path dir = node.getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (Files.exists(dir) && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for Elasticsearch", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
