package dev.tasman.ops.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tasman.embedded.LocalElasticsearch;
import dev.tasman.embedded.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole platform on loopback: PostgreSQL embedded in this JVM, the other parts as child processes.
 * Everything lives under the data directory, so a second run continues where the first stopped.
 * Elasticsearch, the slowest part to start, starts first in the background; the query side starts as soon as
 * the control plane has created the event store and catches up with Elasticsearch when it is up.
 */
final class LocalPlatform {

    static final int CONTROL_PLANE_PORT = 7070;
    static final int QUERY_SIDE_PORT = 8090;
    static final int ELASTICSEARCH_PORT = 9200;

    private final Path home;
    private final Path data;
    private final List<ChildProcess> children = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LocalPostgres postgres;
    private CompletableFuture<LocalElasticsearch> elasticsearch;

    LocalPlatform(Path home, Path data) {
        this.home = home;
        this.data = data;
    }

    int runUntilStopped() {
        long started = System.nanoTime();
        Path pidFile = data.resolve("launcher.pid");
        try {
            Files.createDirectories(data);
            if (alreadyRunning(pidFile)) {
                System.err.println("Tasman is already running on " + data + " (pid " + Files.readString(pidFile).trim()
                        + "). Stop it with ./tasman-local down" + (data.endsWith(".tasman-local") ? "" : " --data " + data));
                return 1;
            }
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopEverything();
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException ignored) {
                    // nothing more to do while exiting
                }
                stopped.countDown();
            }, "tasman-local-stop"));
            ChildProcess.stopLeftovers(data.resolve("run"));

            System.out.println("Tasman local, data in " + data);
            step("PostgreSQL", () -> {
                postgres = LocalPostgres.start(data.resolve("postgres"), 0);
                postgres.ensureDatabase("tasman");
                return "127.0.0.1:" + postgres.port();
            });
            int searchPort = port(ELASTICSEARCH_PORT);
            String searchUrl = "http://127.0.0.1:" + searchPort;
            Path searchData = LocalElasticsearch.directoryFor(data.resolve("elasticsearch"));
            elasticsearch = startInBackground(searchData, searchPort);
            int controlPort = port(CONTROL_PLANE_PORT);
            String controlUrl = "http://127.0.0.1:" + controlPort;
            int queryPort = port(QUERY_SIDE_PORT);
            String queryUrl = "http://127.0.0.1:" + queryPort;
            step("control plane", () -> {
                ChildProcess control = ChildProcess.start("control-plane", List.of(java(), "-Xmx512m", "-jar",
                        jar("command-side/target", "command-side-")),
                        Map.of("TASMAN_DB_URL", postgres.jdbcUrl("tasman"),
                                "TASMAN_DATA", data.resolve("control").toString(),
                                "TASMAN_CONTROL_PORT", Integer.toString(controlPort),
                                "TASMAN_QUERY_URL", queryUrl,
                                // the dashboard's promote and rollback buttons call the control plane
                                "TASMAN_CORS_ORIGINS", queryUrl + ",http://localhost:" + queryPort),
                        data.resolve("logs"), data.resolve("run"));
                children.add(control);
                control.awaitHealthy(controlUrl + "/actuator/health", Duration.ofSeconds(120));
                return controlUrl;
            });
            ChildProcess query = ChildProcess.start("query-side", List.of(java(), "-Xmx384m", "-jar",
                            jar("query-side/target", "query-side-")),
                    Map.of("TASMAN_DB_URL", postgres.jdbcUrl("tasman"),
                            "TASMAN_ES_URL", searchUrl,
                            "TASMAN_QUERY_DATA", data.resolve("query").toString(),
                            "TASMAN_QUERY_PORT", Integer.toString(queryPort),
                            "TASMAN_CONTROL_URL", controlUrl),
                    data.resolve("logs"), data.resolve("run"));
            children.add(query);

            ControlPlaneApi api = new ControlPlaneApi(controlUrl,
                    Files.readString(data.resolve("control/admin-token")).trim());
            Map<String, String> edgeUrls = new LinkedHashMap<>();
            String edgeJar = jar("edge-runtime/target", "edge-runtime-");
            for (LocalEdges.LocalEdge edge : LocalEdges.EDGES) {
                step("edge " + edge.id(), () -> {
                    int port = port(edge.preferredPort());
                    children.add(LocalEdges.start(edge, port, api, controlUrl, queryUrl, java(), edgeJar, data));
                    edgeUrls.put(edge.id(), "http://127.0.0.1:" + port);
                    return "http://127.0.0.1:" + port + " (" + edge.region() + ")";
                });
            }
            step("edges active", () -> {
                List<String> drained = LocalEdges.awaitActive(api, Duration.ofSeconds(90));
                List<String> active = new ArrayList<>(edgeUrls.keySet());
                active.removeAll(drained);
                return String.join(", ", active) + (drained.isEmpty() ? "" : "; drained: " + String.join(", ", drained)
                        + " (./tasman edges reactivate ID brings one back)");
            });
            step("hello", () -> HelloSite.ensureLive(api, home));
            step("query side", () -> {
                query.awaitHealthy(queryUrl + "/actuator/health", Duration.ofSeconds(120));
                return queryUrl;
            });
            step("Elasticsearch", () -> {
                try {
                    return elasticsearch.join().url() + (searchData.startsWith(data) ? "" : " (data in " + searchData + ")");
                } catch (java.util.concurrent.CompletionException e) {
                    throw new ChildProcess.PartFailed("Elasticsearch", e.getCause().getMessage(),
                            searchData.resolve("console.log"));
                }
            });

            Path endpoints = writeEndpoints(controlUrl, queryUrl, searchUrl, edgeUrls);
            System.out.println();
            for (Map.Entry<String, String> edge : edgeUrls.entrySet()) {
                System.out.printf("  %-14s %s%n", "hello @ " + edge.getKey(), site(edge.getValue()));
            }
            System.out.printf("  %-14s %s/   (log in with the admin token)%n", "dashboard", queryUrl);
            System.out.printf("  %-14s %s/v1   (OpenAPI: %s/v3/api-docs)%n", "API", controlUrl, controlUrl);
            System.out.printf("  %-14s %s%n", "admin token", data.resolve("control/admin-token"));
            System.out.printf("  %-14s %s%n", "logs", data.resolve("logs"));
            System.out.printf("%nReady in %.1f s. Ctrl-C stops everything.%n",
                    (System.nanoTime() - started) / 1e9);
            System.out.println("READY " + endpoints);
            System.out.flush();
            stopped.await();
            return 0;
        } catch (ChildProcess.PartFailed failed) {
            System.err.println();
            System.err.println("Tasman did not start: " + failed.getMessage() + ". Last lines of " + failed.log() + ":");
            System.err.println(failed.tail(25));
            return 1;
        } catch (Exception e) {
            // some I/O failures carry no message: the type then says what happened
            System.err.println("Tasman did not start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /** Stops a platform running in the background on {@code data}: SIGTERM to its launcher, which stops the rest. */
    static int stopRunning(Path data) {
        Path pidFile = data.resolve("launcher.pid");
        try {
            if (!Files.exists(pidFile)) {
                System.out.println("Tasman is not running on " + data + ".");
                return 0;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            var launcher = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (launcher.isEmpty()) {
                Files.deleteIfExists(pidFile);
                ChildProcess.stopLeftovers(data.resolve("run"));
                System.out.println("Tasman was not running on " + data + " (cleaned up a stale pid file).");
                return 0;
            }
            System.out.println("Stopping Tasman (pid " + pid + ")...");
            launcher.get().destroy();
            launcher.get().onExit().get(90, TimeUnit.SECONDS);
            System.out.println("Stopped.");
            return 0;
        } catch (Exception e) {
            System.err.println("Could not stop Tasman on " + data + ": " + e.getMessage());
            return 1;
        }
    }

    /** Elasticsearch on its own thread, so the control plane and the edges start meanwhile. */
    private static CompletableFuture<LocalElasticsearch> startInBackground(Path directory, int port) {
        return CompletableFuture.supplyAsync(() -> LocalElasticsearch.start(directory, port), runnable -> {
            Thread thread = new Thread(runnable, "elasticsearch-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private synchronized void stopEverything() {
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).stop();
        }
        children.clear();
        if (elasticsearch != null) {
            // stopped while it was still starting: let it finish starting (it cannot be cut short), then stop it
            try {
                elasticsearch.get(3, TimeUnit.MINUTES).close();
            } catch (Exception e) {
                // it never started, or failed to: nothing runs
            }
            elasticsearch = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private interface Step {
        String run() throws Exception;
    }

    private static void step(String part, Step step) throws Exception {
        long started = System.nanoTime();
        System.out.printf("  … %-14s starting%n", part);
        System.out.flush();
        String where = step.run();
        System.out.printf("  ✓ %-14s %-34s (%.1f s)%n", part, where, (System.nanoTime() - started) / 1e9);
        System.out.flush();
    }

    /** The ready-to-click address of project hello on an edge: browsers and curl resolve *.localhost to loopback. */
    private static String site(String edgeUrl) {
        return edgeUrl.replace("127.0.0.1", HelloSite.PROJECT + ".localhost") + "/";
    }

    private Path writeEndpoints(String controlUrl, String queryUrl, String searchUrl, Map<String, String> edgeUrls)
            throws IOException {
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("controlPlane", controlUrl);
        endpoints.put("querySide", queryUrl);
        endpoints.put("dashboard", queryUrl + "/");
        endpoints.put("elasticsearch", searchUrl);
        List<Map<String, String>> edges = new ArrayList<>();
        edgeUrls.forEach((id, url) -> edges.add(Map.of("id", id, "url", url, "hello", site(url))));
        endpoints.put("edges", edges);
        endpoints.put("api", controlUrl + "/v1");
        endpoints.put("openApi", controlUrl + "/v3/api-docs");
        endpoints.put("adminTokenFile", data.resolve("control/admin-token").toString());
        endpoints.put("database", postgres.jdbcUrl("tasman"));
        endpoints.put("logs", data.resolve("logs").toString());
        Path file = data.resolve("endpoints.json");
        Path temp = data.resolve("endpoints.json.tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), endpoints);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static boolean alreadyRunning(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The usual port when it is free, so URLs stay the same between runs; any free port otherwise. */
    private static int port(int preferred) throws IOException {
        try (ServerSocket socket = new ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException taken) {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String jar(String directory, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve(directory))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst().map(Path::toString)
                    .orElseThrow(() -> new IOException("no " + prefix + "*-exec.jar in " + directory
                            + ": run ./tasman-local again to build it"));
        }
    }
}
