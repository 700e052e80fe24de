package dev.tasman.ops.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Static files from one edge against nginx serving the same files on the same machine: {@code wrk} on
 * loopback, the same threads, connections and duration for both, in alternating rounds (the order flips
 * each round, so a drift in the machine's load falls on both). The site is deployed through the real
 * platform (control plane, one edge) and served once it is LIVE.
 *
 * <p>Usage: {@code ops/bench/edge-static.sh [rounds] [seconds per run]}
 */
public final class EdgeStatic {

    private static final String HOST = "hello.localhost";
    private static final int WARM_UP_SECONDS = 10;

    /** One file, asked for with or without gzip. */
    private record Case(String label, String path, String encoding) {

        List<String> headers() {
            return encoding.equals("gzip") ? List.of("Host: " + HOST, "Accept-Encoding: gzip") : List.of("Host: " + HOST);
        }
    }

    private static final List<Case> CASES = List.of(new Case("2 KB", "/files/2k.js", "identity"),
            new Case("100 KB", "/files/100k.js", "identity"), new Case("2 KB", "/files/2k.js", "gzip"),
            new Case("100 KB", "/files/100k.js", "gzip"));

    private EdgeStatic() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        Path site = writeSite(work.resolve("site"));
        try (LoopbackPlatform platform = LoopbackPlatform.start(work, List.of("syd"), "hello", List.of())) {
            String deployment = platform.api().deploy("hello", GeneratedSite.tarGz(site));
            platform.api().awaitState(deployment, "LIVE", Duration.ofMinutes(3));
            LoopbackPlatform.Edge edge = platform.edges().getFirst();
            awaitServing(edge.port(), deployment);
            int nginxPort = LoopbackPlatform.freePort();
            Nginx.start(work, nginxRoot(work, site), nginxPort);
            Map<String, Integer> servers = new LinkedHashMap<>();
            servers.put("edge", edge.port());
            servers.put("nginx", nginxPort);
            for (Case c : CASES) {
                servers.values().forEach(port -> check(port, c, site));
            }
            System.out.printf(Locale.ROOT, "Edge (deployment %s) vs nginx, the same files on 127.0.0.1: wrk -t%d -c%d"
                    + " -d%ds --latency, %d alternating rounds after a %d s warm-up each; medians.%n%s; %s; %s.%n"
                    + "Load average (1, 5, 15 min) before: %s.%n%n", deployment, Wrk.THREADS, Wrk.CONNECTIONS, seconds,
                    rounds, WARM_UP_SECONDS, Machine.describe(), version("nginx", "-v"),
                    version("wrk", "--version"), Stats.load());
            System.out.printf("%-8s %-9s %-6s %10s %8s %8s %11s   %s%n", "file", "encoding", "server", "req/s",
                    "p50 ms", "p99 ms", "bytes/resp", "each round: req/s (load average 1 min before it)");
            for (Case c : CASES) {
                measure(work, c, servers, rounds, seconds);
            }
        }
        System.exit(0);
    }

    private static void measure(Path work, Case c, Map<String, Integer> servers, int rounds, int seconds)
            throws Exception {
        for (int port : servers.values()) {
            Wrk.run(work, url(port, c), WARM_UP_SECONDS, c.headers());
        }
        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(servers.keySet());
        for (int round = 0; round < rounds; round++) {
            for (String server : round % 2 == 0 ? order : order.reversed()) {
                String load = Stats.load().split(" ")[0];
                Wrk.Result result = Wrk.run(work, url(servers.get(server), c), seconds, c.headers());
                results.computeIfAbsent(server, s -> new ArrayList<>()).add(result);
                notes.computeIfAbsent(server, s -> new ArrayList<>())
                        .add(String.format(Locale.ROOT, "%.0f (%s)", result.requestsPerSecond(), load));
            }
        }
        double[] edge = medians(results.get("edge"));
        double[] nginx = medians(results.get("nginx"));
        for (String server : servers.keySet()) {
            double[] m = server.equals("edge") ? edge : nginx;
            System.out.printf(Locale.ROOT, "%-8s %-9s %-6s %10.0f %8.2f %8.2f %11.0f   %s%n",
                    server.equals("edge") ? c.label() : "", server.equals("edge") ? c.encoding() : "", server,
                    m[0], m[1], m[2], m[3], String.join(", ", notes.get(server)));
        }
        System.out.printf(Locale.ROOT, "%-8s %-9s %-6s %10.2f %8.2f %8.2f%n", "", "", "ratio", edge[0] / nginx[0],
                edge[1] / nginx[1], edge[2] / nginx[2]);
        System.out.flush();
    }

    /** Median req/s, p50, p99 and bytes per response over the rounds. */
    private static double[] medians(List<Wrk.Result> results) {
        List<Function<Wrk.Result, Double>> figures = List.of(Wrk.Result::requestsPerSecond, Wrk.Result::p50Millis,
                Wrk.Result::p99Millis, Wrk.Result::bytesPerResponse);
        return figures.stream().mapToDouble(f -> Stats.median(results.stream().map(f).toList())).toArray();
    }

    /** The first line a tool prints about its version (wrk prints it with its usage and exits 1). */
    private static String version(String tool, String flag) throws Exception {
        Process process = new ProcessBuilder(tool, flag).redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse(tool + " ?");
        process.waitFor();
        return first.replaceAll(" Copyright.*", "");
    }

    private static String url(int port, Case c) {
        return "http://127.0.0.1:" + port + c.path();
    }

    /** index.html and two script files of 2 KB and 100 KB, text that compresses as real scripts do. */
    private static Path writeSite(Path site) throws IOException {
        Files.createDirectories(site.resolve("files"));
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>edge-static</title><h1>edge-static</h1>\n");
        Random random = new Random(7);
        Files.write(site.resolve("files/2k.js"), GeneratedSite.text(new byte[2 * 1024], random));
        Files.write(site.resolve("files/100k.js"), GeneratedSite.text(new byte[100 * 1024], random));
        return site;
    }

    /**
     * The same files for nginx, each with a .gz beside it (gzip -9, as the edge's variants are made) for
     * gzip_static. Readable by others: nginx's workers run as nobody when it is started as root.
     */
    private static Path nginxRoot(Path work, Path site) throws IOException {
        Path root = work.resolve("nginx-site");
        try (Stream<Path> files = Files.walk(site)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = root.resolve(site.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
                try (OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(copy.resolveSibling(
                        copy.getFileName() + ".gz"))) {
                    {
                        def.setLevel(9);
                    }
                }) {
                    gzip.write(Files.readAllBytes(file));
                }
            }
        }
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return root;
    }

    /** Each server answers each case with 200 and the file's exact bytes, gzip-encoded when asked for gzip. */
    private static void check(int port, Case c, Path site) {
        try (RawHttp http = new RawHttp(port, HOST)) {
            RawHttp.Response response = c.encoding().equals("gzip")
                    ? http.get(c.path(), true, "Accept-Encoding: gzip") : http.get(c.path(), true);
            byte[] body = response.body();
            String encoding = response.header("content-encoding");
            if (c.encoding().equals("gzip") && "gzip".equals(encoding)) {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            if (response.status() != 200 || !c.encoding().equals(encoding == null ? "identity" : encoding)
                    || !Arrays.equals(body, Files.readAllBytes(site.resolve(c.path().substring(1))))) {
                throw new IllegalStateException("port " + port + " answered GET " + c.path() + " (" + c.encoding()
                        + ") with " + response.status() + ", encoding " + encoding + ", " + body.length
                        + " bytes that are not the file's; headers " + response.headers());
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET " + c.path() + " from port " + port + " failed: " + e.getMessage(), e);
        }
    }

    /** The edge answers with the deployment just made LIVE (it switches when the feed tells it, right after). */
    private static void awaitServing(int port, String deployment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (RawHttp http = new RawHttp(port, HOST)) {
                RawHttp.Response response = http.get("/", false);
                if (response.status() == 200 && deployment.equals(response.header("x-tasman-deployment"))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the edge still answers / with " + response.status() + " "
                            + response.headers() + " 10 s after " + deployment + " went LIVE");
                }
            }
            Thread.sleep(20);
        }
    }
}
