package dev.tasman.ops.bench;

import java.nio.file.Files;
import java.nio.file.Path;

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
        GeneratedSite.generate(site, 1000, 20 * 1024 * 1024, 42);
        try (BenchControlPlane control = new BenchControlPlane(work)) {
            ControlApi api = new ControlApi(control.base, control.token);
            api.json("POST", "/v1/projects", "{\"name\":\"bench\"}");

            byte[] archive = GeneratedSite.tarGz(site);
            double reference = reference(work, archive);
            System.out.printf("Build to origin: 1,000 files, %.1f MB (%.1f MB as .tar.gz), %d cores%n%n",
                    GeneratedSite.size(site) / 1e6, archive.length / 1e6, Runtime.getRuntime().availableProcessors());
            System.out.printf("%-58s %10s%n", "scenario", "seconds");
            System.out.printf("%-58s %10.2f%n", "reference: tar xzf + sha256sum of every file", reference);
            String first = deploy(api, archive);
            System.out.printf("%-58s %10.2f   %s%n", "first deploy: POST → BUILT (all blobs uploaded)", awaitBuilt(api, first), uploaded(api, first));
            Files.writeString(site.resolve("page-0000.html"), "<h1>changed " + System.nanoTime() + "</h1>");
            String second = deploy(api, GeneratedSite.tarGz(site));
            System.out.printf("%-58s %10.2f   %s%n", "redeploy, one file changed: POST → BUILT", awaitBuilt(api, second), uploaded(api, second));
        }
        System.exit(0);
    }

    private static long started;

    private static String deploy(ControlApi api, byte[] archive) throws Exception {
        started = System.nanoTime();
        return api.deploy("bench", archive);
    }

    private static double awaitBuilt(ControlApi api, String id) throws Exception {
        while (true) {
            String body = api.call("GET", "/v1/deployments/" + id, null, null);
            if (body.contains("\"state\":\"BUILT\"")) {
                return (System.nanoTime() - started) / 1e9;
            }
            if (body.contains("\"state\":\"FAILED\"")) {
                throw new IllegalStateException("build failed: " + body);
            }
            Thread.sleep(50);
        }
    }

    private static String uploaded(ControlApi api, String id) throws Exception {
        String log = api.call("GET", "/v1/deployments/" + id + "/logs?follow=false", null, null);
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
}
