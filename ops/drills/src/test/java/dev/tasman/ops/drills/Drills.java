package dev.tasman.ops.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What several drills share: waiting for a condition, and deploying a small versioned site. */
final class Drills {

    private Drills() {
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a part may be restarting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }

    /**
     * A site whose every file names its version: {@code index.html} loads {@code /assets/app-<hash>.js} by a
     * content-hashed name, as bundlers do, so a drill can tell which deployment served each response.
     */
    static Path site(Path parent, int version) throws IOException {
        Path root = Files.createDirectories(parent.resolve("site-v" + version));
        String script = "document.body.dataset.version = '" + version + "';\n";
        String asset = "app-" + Integer.toHexString(("v" + version + script).hashCode() & 0x7fffffff) + "a1b2c3d4.js";
        Files.createDirectories(root.resolve("assets"));
        Files.writeString(root.resolve("assets").resolve(asset), "/* version " + version + " */\n" + script);
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>v" + version + "</title>"
                + "<h1>version " + version + "</h1><script src=\"/assets/" + asset + "\"></script>\n");
        Files.writeString(root.resolve("about.html"), "<h1>about version " + version + "</h1>\n");
        return root;
    }

    /** The asset path index.html of this body loads. */
    static String assetOf(String html) {
        int start = html.indexOf("/assets/");
        return html.substring(start, html.indexOf('"', start));
    }

    /** Uploads {@code site} as a .tar.gz (made by the system's tar) to {@code project}; returns the deployment id. */
    static String deploy(Platform platform, String project, Path site) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-czf", "-", "-C", site.toString(), ".").redirectErrorStream(false)
                .start();
        byte[] archive = tar.getInputStream().readAllBytes();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + new String(tar.getErrorStream().readAllBytes()));
        }
        Http.Response created = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.controlUrl()
                        + "/v1/projects/" + project + "/deployments"))
                .header("Authorization", "Bearer " + platform.adminToken()).header("Content-Type", "application/gzip")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(archive)).build());
        if (created.status() != 202) {
            throw new IllegalStateException("deploy refused: " + created.body());
        }
        return created.json().get("id").asText();
    }

    static void awaitState(Platform platform, String deployment, String state, Duration timeout)
            throws InterruptedException {
        await("deployment " + deployment + " " + state, timeout,
                () -> state.equals(platform.deployment(deployment).path("state").asText()));
    }

    /** The deployment that served {@code host}'s home page on each edge (from x-tasman-deployment), or "down". */
    static Map<String, String> servedBy(Platform platform, String host) {
        java.util.Map<String, String> served = new java.util.TreeMap<>();
        for (Platform.Edge edge : platform.edges()) {
            if (!edge.part().alive()) {
                served.put(edge.id(), "down");
                continue;
            }
            Http.Response page = Http.site(edge.url(), host, "/", Map.of());
            served.put(edge.id(), page.status() == 200 ? page.header("x-tasman-deployment") : "HTTP " + page.status());
        }
        return served;
    }

    static Map<String, String> everyEdge(Platform platform, String value) {
        java.util.Map<String, String> expected = new java.util.TreeMap<>();
        platform.edges().forEach(edge -> expected.put(edge.id(), value));
        return expected;
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }
}
