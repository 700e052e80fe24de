package dev.tasman.ops.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Build-to-origin time for a 1,000-file / 20 MB static site uploaded as .tar.gz (upload, unpack in the
 * worker, sandbox start, hash, precompress, store, sign), and a redeploy with one file changed.
 * Reference, measured in the same run: {@code tar xzf} + {@code sha256sum} of every file, the least any
 * build-to-origin must do.
 *
 * <p>Usage: {@code ops/bench/build-to-origin.sh}
 */
public final class BuildToOrigin {

    private BuildToOrigin() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("tasman-bench-build-");
        Path site = work.resolve("site");
        generate(site, 1000, 20 * 1024 * 1024);
        try (BenchControlPlane control = new BenchControlPlane(work)) {
            String base = control.base;
            String token = control.token;
            HttpClient http = HttpClient.newHttpClient();
            call(http, base, token, "POST", "/v1/projects", "application/json", "{\"name\":\"bench\"}".getBytes());

            byte[] archive = tarGz(site);
            double reference = reference(work, archive);
            System.out.printf("Build to origin: 1,000 files, %.1f MB (%.1f MB as .tar.gz), %d cores%n%n",
                    size(site) / 1e6, archive.length / 1e6, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-58s %10s%n", "scenario", "seconds");
            System.out.printf("%-58s %10.2f%n", "reference: tar xzf + sha256sum of every file", reference);
            String first = deploy(http, base, token, archive);
            System.out.printf("%-58s %10.2f   %s%n", "first deploy: POST → BUILT (all blobs uploaded)", awaitBuilt(http, base, token, first), uploaded(http, base, token, first));
            Files.writeString(site.resolve("page-0000.html"), "<h1>changed " + System.nanoTime() + "</h1>");
            String second = deploy(http, base, token, tarGz(site));
            System.out.printf("%-58s %10.2f   %s%n", "redeploy, one file changed: POST → BUILT", awaitBuilt(http, base, token, second), uploaded(http, base, token, second));
        }
        System.exit(0);
    }

    private static long started;

    private static String deploy(HttpClient http, String base, String token, byte[] archive) throws Exception {
        started = System.nanoTime();
        String body = call(http, base, token, "POST", "/v1/projects/bench/deployments", "application/gzip", archive);
        return body.replaceAll(".*\"id\":\"(dpl_[0-9a-f]+)\".*", "$1");
    }

    private static double awaitBuilt(HttpClient http, String base, String token, String id) throws Exception {
        while (true) {
            String body = call(http, base, token, "GET", "/v1/deployments/" + id, null, null);
            if (body.contains("\"state\":\"BUILT\"")) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (body.contains("\"state\":\"FAILED\"")) {
                throw new IllegalStateException("build failed: " + body);
            }
            Thread.sleep(50);
        }
    }

    private static String uploaded(HttpClient http, String base, String token, String id) throws Exception {
        String log = call(http, base, token, "GET", "/v1/deployments/" + id + "/logs?follow=false", null, null);
        return log.lines().filter(l -> l.contains("Packaged")).findFirst().orElse("").replaceAll(".*: ", "");
    }

    private static double reference(Path work, byte[] archive) throws Exception {
        Path dir = Files.createDirectories(work.resolve("reference"));
        Path file = work.resolve("reference.tar.gz");
        Files.write(file, archive);
        long start = System.nanoTime();
        Process process = new ProcessBuilder("sh", "-c", "tar xzf " + file + " -C " + dir
                + " && find " + dir + " -type f -exec sha256sum {} + > /dev/null").inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("reference run failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Pages, styles, scripts and binary images of varied size, about {@code totalBytes} in all. */
    static void generate(Path site, int files, long totalBytes) throws Exception {
        Random random = new Random(42);
        long each = totalBytes / files;
        String[] kinds = {"html", "css", "js", "png"};
        for (int i = 0; i < files; i++) {
            String kind = kinds[i % kinds.length];
            Path path = site.resolve((kind.equals("html") ? "" : "assets/") + (kind.equals("html") ? "page" : kind)
                    + String.format("-%04d.", i) + kind);
            Files.createDirectories(path.getParent());
            byte[] content = new byte[(int) (each / 2 + random.nextInt((int) each))];
            if (kind.equals("png")) {
                random.nextBytes(content);
            } else {
                String words = "tasman edge deploy static render sydney melbourne singapore cache route ";
                for (int b = 0; b < content.length; b++) {
                    content[b] = (byte) words.charAt((b * 7 + random.nextInt(3)) % words.length());
                }
            }
            Files.write(path, content);
        }
    }

    private static long size(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static byte[] tarGz(Path root) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip);
             Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                tar.putArchiveEntry(new TarArchiveEntry(path.toFile(), root.relativize(path).toString()));
                Files.copy(path, tar);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String call(HttpClient http, String base, String token, String method, String path,
            String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

}
