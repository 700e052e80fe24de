package dev.tasman.ops.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The three local edges: registered once (their tokens kept 0600 in their data directories), then started
 * as child processes on loopback. Registering is all it takes to add a region; each edge syncs what is live
 * and then becomes active by itself.
 */
final class LocalEdges {

    record LocalEdge(String id, String region, int preferredPort) {
    }

    static final List<LocalEdge> EDGES = List.of(new LocalEdge("syd", "ap-southeast-2", 7081),
            new LocalEdge("mel", "ap-southeast-4", 7082), new LocalEdge("sin", "ap-southeast-1", 7083));

    private LocalEdges() {
    }

    /** Starts one edge; returns its URL. */
    static ChildProcess start(LocalEdge edge, int port, ControlPlaneApi api, String controlUrl, String queryUrl,
            String java, String jar, Path data) throws IOException, InterruptedException {
        Path home = data.resolve("edges").resolve(edge.id());
        Files.createDirectories(home);
        Path tokenFile = home.resolve("edge-token");
        if (!Files.exists(tokenFile)) {
            register(edge, port, api, tokenFile);
        }
        String publicKey = api.get("/v1/keys").body().at("/keys/0/publicKey").asText();
        ChildProcess process = ChildProcess.start("edge-" + edge.id(), List.of(java, "-Xmx192m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-jar", jar, "--id=" + edge.id(), "--region=" + edge.region(),
                        "--control-plane=" + controlUrl, "--token-file=" + tokenFile, "--public-key=" + publicKey,
                        "--data=" + home.resolve("cache"), "--port=" + port,
                        // request records and per-minute aggregates go to the query side's logs index
                        "--telemetry-url=" + queryUrl),
                Map.of(), data.resolve("logs"), data.resolve("run"));
        process.awaitHealthy("http://127.0.0.1:" + port + "/_tasman/health", Duration.ofSeconds(60));
        return process;
    }

    private static void register(LocalEdge edge, int port, ControlPlaneApi api, Path tokenFile)
            throws IOException, InterruptedException {
        ControlPlaneApi.Answer registered = api.post("/v1/edges", Map.of("id", edge.id(), "region", edge.region(),
                "url", "http://127.0.0.1:" + port));
        if (registered.status() != 201) {
            throw new IOException("the control plane did not register edge " + edge.id() + ": " + registered.detail()
                    + (registered.status() == 409 ? " (its token file " + tokenFile + " is gone; use a fresh --data"
                    + " directory)" : ""));
        }
        Path temp = tokenFile.resolveSibling("edge-token.tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, registered.body().get("token").asText());
        Files.move(temp, tokenFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Waits until every edge counts toward cutovers, except the ones an operator drained: they stay out until
     * someone reactivates them, and the platform runs without them. Returns the drained ones.
     */
    static List<String> awaitActive(ControlPlaneApi api, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = "";
        while (true) {
            List<String> waiting = new java.util.ArrayList<>();
            List<String> drained = new java.util.ArrayList<>();
            for (LocalEdge edge : EDGES) {
                try {
                    String state = api.get("/v1/edges/" + edge.id()).body().path("state").asText();
                    if ("DRAINED".equals(state)) {
                        drained.add(edge.id());
                    } else if (!"ACTIVE".equals(state)) {
                        waiting.add(edge.id());
                    }
                } catch (IOException e) {
                    // a loaded machine drops a request now and then: ask again until the deadline
                    waiting.add(edge.id());
                    lastError = " (last answer: " + e + ")";
                }
            }
            if (waiting.isEmpty()) {
                return drained;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("edges " + String.join(", ", waiting) + " did not become active within "
                        + timeout.toSeconds() + " s" + lastError);
            }
            Thread.sleep(200);
        }
    }
}
