package dev.tasman.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A deployment's way from built to served by three edges, as separate processes on loopback: propagation of a
 * fresh 1,000-file / 20 MB site (event-store timestamps), the cutover spread between the edges and a rollback's
 * time to every edge (measured by clients polling each edge), next to copying and fetching the same files.
 *
 * <p>Usage: {@code ops/bench/propagation.sh [rounds] [pollers' pause between requests in µs] [edge setting...]}
 */
public final class Propagation {

    private static final String HOST = "hello.localhost";
    private static final List<String> EDGES = List.of("syd", "mel", "sin");
    private static final String BLOB_ROUTE = "/v1/origin/blobs/{sha256}";
    private static final int FILES = 1000;
    private static final long BYTES = 20L * 1024 * 1024;
    private static final Pattern FETCH_TOOK = Pattern.compile("blobs fetched, (\\d+) ms");
    private static final DateTimeFormatter EDGE_LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** Figures by name, each measured once per round; printed as min / median / max. */
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    private final Path work;
    private final LoopbackPlatform platform;

    private Propagation(Path work, LoopbackPlatform platform) {
        this.work = work;
        this.platform = platform;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long pauseMicros = args.length > 2 ? Long.parseLong(args[2]) : 0;
        List<String> edgeSettings = List.of(args).subList(Math.min(3, args.length), args.length);
        List<Path> sites = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Path site = work.resolve("site-" + round);
            GeneratedSite.generate(site, FILES, BYTES, 100 + round);
            Files.writeString(site.resolve("index.html"), "<!doctype html><h1>propagation round " + round + "</h1>\n");
            sites.add(site);
        }
        String loadBefore = Stats.load();
        try (LoopbackPlatform platform = LoopbackPlatform.start(work, EDGES, "hello", edgeSettings)) {
            Propagation bench = new Propagation(work, platform);
            bench.references(sites.getFirst());
            String lastDeployment = null;
            for (Path site : sites) {
                lastDeployment = bench.propagate(site, site == sites.getFirst());
            }
            bench.fetchReferences(sites.getLast(), lastDeployment);
            try (CutoverWatch watch = new CutoverWatch(platform.edges(), HOST, pauseMicros * 1000)) {
                watch.awaitServing(lastDeployment, Duration.ofSeconds(10));
                for (int round = 1; round <= rounds; round++) {
                    Files.writeString(sites.getLast().resolve("index.html"), "<h1>cutover round " + round + "</h1>\n");
                    bench.cutover(watch, sites.getLast());
                }
                for (int round = 1; round <= rounds; round++) {
                    bench.rollback(watch);
                }
                bench.figure("poll: mean round trip per poller, µs", watch.meanPollMicros());
                System.out.printf(Locale.ROOT, "%nPollers: %,d polls of / in all, %d µs pause between polls.%n",
                        watch.polls(), pauseMicros);
            }
            bench.print(sites.getFirst(), rounds, loadBefore);
        }
        System.exit(0);
    }

    // ---- references: the same files copied on this disk and fetched over loopback HTTP

    private void references(Path site) throws Exception {
        for (int i = 0; i < 3; i++) {
            Path copy = work.resolve("copy");
            figure("reference: cp -r of the site, s", timed("cp", "cp", "-r", site.toString(), copy.toString()));
            delete(copy);
            figure("reference: cp -r of the site, then sync, s", timed("cp-sync", "sh", "-c",
                    "cp -r '" + site + "' '" + copy + "' && sync"));
            delete(copy);
        }
    }

    /**
     * Loopback HTTP of the same bytes, for scale, three clients at once with 8 requests in flight each (as three
     * edges fetch blobs): every file of the live site from each edge, and every blob of its deployment (files
     * and variants) from origin with an edge token, the requests the edges make minus their intake.
     */
    private void fetchReferences(Path site, String deployment) throws Exception {
        List<String> paths;
        try (Stream<Path> files = Files.walk(site)) {
            paths = files.filter(Files::isRegularFile).map(p -> "/" + site.relativize(p)).sorted().toList();
        }
        String authorization = "Authorization: Bearer " + Files.readString(work.resolve("edges/syd/edge-token")).trim();
        List<String> blobs = blobs(deployment, authorization);
        for (int i = 0; i < 3; i++) {
            Map<String, List<String>> fromEdges = new LinkedHashMap<>();
            platform.edges().forEach(edge -> fromEdges.put(edge.id(), paths.stream().map(p -> edge.url() + p).toList()));
            figure("reference: curl every file from each edge, the three at once, 8 parallel each, s",
                    curl("edge-files-" + i, fromEdges, "Host: " + HOST));
            Map<String, List<String>> fromOrigin = new LinkedHashMap<>();
            platform.edges().forEach(edge -> fromOrigin.put(edge.id(), blobs.stream()
                    .map(b -> platform.controlUrl() + BLOB_ROUTE.replace("{sha256}", b)).toList()));
            figure("reference: curl the deployment's " + blobs.size() + " blobs from origin with an edge token, 3 clients at once,"
                    + " 8 parallel each, s", curl("origin-blobs-" + i, fromOrigin, authorization));
        }
        intakeReferences(blobs);
    }

    /** The deployment's blobs (files and their variants), from its manifest in origin. */
    private List<String> blobs(String deployment, String authorization) throws IOException {
        Set<String> blobs = new LinkedHashSet<>();
        try (RawHttp http = new RawHttp(Integer.parseInt(platform.controlUrl().replaceAll(".*:", "")), "127.0.0.1")) {
            JsonNode manifest = ControlApi.JSON.readTree(http.get("/v1/origin/manifests/" + deployment, true,
                    authorization).body());
            for (JsonNode file : manifest.path("files")) {
                for (String variant : List.of("sha256", "gzip", "brotli")) {
                    if (file.hasNonNull(variant)) {
                        blobs.add(file.get(variant).asText());
                    }
                }
            }
        }
        return List.copyOf(blobs);
    }

    /**
     * The disk work of propagation alone: the deployment's blobs, as origin stores them, taken into three caches
     * at once with 8 writers each: forced per blob as the edges do, forced once each at the end, and synced.
     */
    private void intakeReferences(List<String> blobs) throws Exception {
        Set<String> wanted = Set.copyOf(blobs);
        List<Path> files;
        try (Stream<Path> stored = Files.walk(work.resolve("control"))) {
            files = stored.filter(p -> p.getParent().getParent().getFileName().toString().equals("blobs")
                    && wanted.contains(p.getParent().getFileName() + p.getFileName().toString())).toList();
        }
        if (files.size() != blobs.size()) {
            throw new IllegalStateException("found " + files.size() + " of the " + blobs.size() + " blobs in origin's directory");
        }
        for (int i = 0; i < 3; i++) {
            Path target = work.resolve("intake");
            figure("reference: its blobs into 3 caches at once, 8 writers each, each forced + renamed + directory forced"
                    + " (as edges do), s", DurableIntake.perBlob(files, target, EDGES.size(), 8));
            delete(target);
            figure("reference: the same, every file then every directory forced once at the end, s",
                    DurableIntake.forcedAtEnd(files, target, EDGES.size(), 8));
            delete(target);
            figure("reference: the same, written to temporary files, sync, all renamed into place, sync, s",
                    DurableIntake.syncedTwice(files, target, EDGES.size(), 8));
            delete(target);
        }
    }

    /** Runs one curl per client at once, each fetching its URLs 8 at a time into /dev/null; returns the seconds. */
    private double curl(String name, Map<String, List<String>> urlsByClient, String header) throws Exception {
        long start = System.nanoTime();
        List<BenchProcess> curls = new ArrayList<>();
        for (Map.Entry<String, List<String>> client : urlsByClient.entrySet()) {
            Path config = work.resolve("curl-" + name + "-" + client.getKey() + ".conf");
            StringBuilder lines = new StringBuilder("header = \"" + header + "\"\n");
            client.getValue().forEach(url -> lines.append("url = \"").append(url).append("\"\noutput = \"/dev/null\"\n"));
            Files.writeString(config, lines);
            curls.add(BenchProcess.start(work, "curl-" + name + "-" + client.getKey(), List.of("curl", "--silent",
                    "--show-error", "--fail", "--parallel", "--parallel-max", "8", "-K", config.toString()), Map.of()));
        }
        for (BenchProcess curl : curls) {
            curl.awaitExit(Duration.ofMinutes(5));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- propagation: a fresh 20 MB site to three edges

    private String propagate(Path site, boolean showTimeline) throws Exception {
        Map<String, Double> cacheBefore = cacheBytes();
        double[] blobsBefore = platform.served(BLOB_ROUTE);
        String id = platform.api().deploy("hello", GeneratedSite.tarGz(site));
        platform.api().awaitState(id, "LIVE", Duration.ofMinutes(5));
        awaitServedEverywhere(id);
        List<LoopbackPlatform.StoredEvent> events = platform.events(id);
        Instant built = at(events, "BuildSucceeded");
        List<Instant> acks = events.stream().filter(e -> e.type().equals("EdgeAcknowledged"))
                .map(LoopbackPlatform.StoredEvent::timestamp).sorted().toList();
        if (acks.size() != EDGES.size()) {
            throw new IllegalStateException(id + " is LIVE with " + acks.size() + " acknowledgements: " + events);
        }
        Instant cutOver = cutOver(events, id);
        figure("propagation: BuildSucceeded → first EdgeAcknowledged, s", seconds(built, acks.getFirst()));
        figure("propagation: BuildSucceeded → last EdgeAcknowledged (goal < 2 s), s", seconds(built, acks.getLast()));
        figure("propagation: BuildSucceeded → DeploymentReady, s", seconds(built, at(events, "DeploymentReady")));
        figure("propagation: BuildSucceeded → RoutingCutOver, s", seconds(built, cutOver));
        Instant requested = at(events, "PropagationRequested");
        List<Instant[]> fetches = edgeLogFetches(id);
        figure("propagation: PropagationRequested → last edge starts fetching (edge logs), s", fetches.stream()
                .mapToDouble(f -> seconds(requested, f[0])).max().orElseThrow());
        figure("propagation: slowest edge's fetch (manifest, blobs, verify, store), as it logs it, s", fetches.stream()
                .mapToDouble(f -> seconds(f[0], f[1])).max().orElseThrow());
        List<Instant> switched = edgeLogSwitches(id);
        figure("propagation: RoutingCutOver → last edge switched (edge logs, 1 ms resolution), ms",
                millis(cutOver, switched.getLast()));
        Map<String, Double> cacheAfter = cacheBytes();
        figure("propagation: MB taken into each edge's cache (files and their gzip/brotli variants)",
                cacheAfter.keySet().stream().mapToDouble(e -> cacheAfter.get(e) - cacheBefore.get(e)).average()
                        .orElseThrow() / 1e6);
        double[] blobs = platform.served(BLOB_ROUTE);
        double requests = blobs[0] - blobsBefore[0];
        figure("origin: blob requests answered for the deployment (all edges)", requests);
        figure("origin: control plane's own time per blob request, ms", (blobs[1] - blobsBefore[1]) * 1000 / requests);
        if (showTimeline) {
            System.out.println("Events of the first deployment (" + id + "), from the event store:");
            Instant first = events.getFirst().timestamp();
            events.forEach(e -> System.out.printf(Locale.ROOT, "  %+9.3f s  %-22s %s%n", seconds(first, e.timestamp()),
                    e.type(), e.payload().path("edgeId").asText("")));
        }
        return id;
    }

    // ---- cutover: a one-file change, three pollers watching

    private void cutover(CutoverWatch watch, Path site) throws Exception {
        String id = platform.api().deploy("hello", GeneratedSite.tarGz(site));
        platform.api().awaitState(id, "LIVE", Duration.ofMinutes(5));
        Map<String, CutoverWatch.Switch> switches = watch.awaitSwitched(id, Duration.ofSeconds(10));
        List<LoopbackPlatform.StoredEvent> events = platform.events(id);
        Instant built = at(events, "BuildSucceeded");
        Instant cutOver = cutOver(events, id);
        figure("cutover: spread, first → last edge switched (pollers; goal < 50 ms), ms", spreadMillis(switches));
        List<Instant> logged = edgeLogSwitches(id);
        figure("cutover: spread by edge logs (1 ms resolution), ms", millis(logged.getFirst(), logged.getLast()));
        figure("cutover: RoutingCutOver → last edge switched (edge logs), ms", millis(cutOver, logged.getLast()));
        figure("cutover: poll window (resolution), worst edge, µs", switches.values().stream()
                .mapToLong(CutoverWatch.Switch::windowNanos).max().orElseThrow() / 1e3);
        figure("cutover: one-file change, BuildSucceeded → last EdgeAcknowledged, s", seconds(built, events.stream()
                .filter(e -> e.type().equals("EdgeAcknowledged")).map(LoopbackPlatform.StoredEvent::timestamp)
                .max(Comparator.naturalOrder()).orElseThrow()));
    }

    // ---- rollback: POST /rollback → every edge serving the previous release

    private void rollback(CutoverWatch watch) throws Exception {
        long sent = System.nanoTime();
        JsonNode answer = platform.api().json("POST", "/v1/projects/hello/rollback", null);
        long answered = System.nanoTime();
        String target = answer.path("liveDeploymentId").asText();
        Map<String, CutoverWatch.Switch> switches = watch.awaitSwitched(target, Duration.ofSeconds(10));
        long lastSeen = switches.values().stream().mapToLong(CutoverWatch.Switch::beforeNanos).max().orElseThrow();
        figure("rollback: POST sent → all three edges serving the target (first answer seen; goal < 100 ms), ms", (lastSeen - sent) / 1e6);
        figure("rollback: POST sent → answered, ms", (answered - sent) / 1e6);
        figure("rollback: spread, first → last edge switched (pollers), ms", spreadMillis(switches));
    }

    // ---- reading the platform

    private void awaitServedEverywhere(String id) throws Exception {
        for (LoopbackPlatform.Edge edge : platform.edges()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            try (RawHttp http = new RawHttp(edge.port(), HOST)) {
                while (!id.equals(http.get("/", false).header("x-tasman-deployment"))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(edge.id() + " does not serve " + id + " 10 s after it went LIVE");
                    }
                    Thread.sleep(5);
                }
            }
        }
    }

    /** Bytes each edge holds in its blob cache, from its metrics. */
    private Map<String, Double> cacheBytes() throws IOException {
        Map<String, Double> bytes = new LinkedHashMap<>();
        for (LoopbackPlatform.Edge edge : platform.edges()) {
            try (RawHttp http = new RawHttp(edge.port(), "127.0.0.1")) {
                String metrics = new String(http.get("/_tasman/metrics", true).body(), java.nio.charset.StandardCharsets.UTF_8);
                bytes.put(edge.id(), metrics.lines().filter(l -> l.startsWith("tasman_edge_cache_bytes "))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst()
                        .orElseThrow(() -> new IllegalStateException(edge.id() + " reports no tasman_edge_cache_bytes")));
            }
        }
        return bytes;
    }

    /** When each edge logged its switch to {@code id}, earliest first. */
    private List<Instant> edgeLogSwitches(String id) throws IOException {
        List<Instant> times = new ArrayList<>();
        for (LoopbackPlatform.Edge edge : platform.edges()) {
            times.add(logTime(lastLogLine(edge, "switched to " + id)));
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    /** When each edge started and finished fetching {@code id}: its "Holding" line's time, less the duration it names. */
    private List<Instant[]> edgeLogFetches(String id) throws IOException {
        List<Instant[]> fetches = new ArrayList<>();
        for (LoopbackPlatform.Edge edge : platform.edges()) {
            String line = lastLogLine(edge, "Holding " + id + " ");
            Matcher took = FETCH_TOOK.matcher(line);
            if (!took.find()) {
                throw new IllegalStateException(edge.id() + " logged no fetch time for " + id + ": " + line);
            }
            Instant done = logTime(line);
            fetches.add(new Instant[] {done.minusMillis(Long.parseLong(took.group(1))), done});
        }
        return fetches;
    }

    private static String lastLogLine(LoopbackPlatform.Edge edge, String containing) throws IOException {
        return edge.process().output().lines().filter(l -> l.contains(containing)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(edge.id() + " logged no line with '" + containing + "'"));
    }

    private static Instant logTime(String line) {
        return OffsetDateTime.parse(line.substring(0, line.indexOf(' ')), EDGE_LOG_TIME).toInstant();
    }

    private static Instant at(List<LoopbackPlatform.StoredEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).map(LoopbackPlatform.StoredEvent::timestamp)
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + type + " among " + events));
    }

    private static Instant cutOver(List<LoopbackPlatform.StoredEvent> events, String id) {
        return events.stream().filter(e -> e.type().equals("RoutingCutOver") && e.payload().path("reason").asText()
                .equals("DEPLOY")).map(LoopbackPlatform.StoredEvent::timestamp).findFirst()
                .orElseThrow(() -> new IllegalStateException("no RoutingCutOver to " + id + " among " + events));
    }

    private static double spreadMillis(Map<String, CutoverWatch.Switch> switches) {
        long first = switches.values().stream().mapToLong(CutoverWatch.Switch::estimateNanos).min().orElseThrow();
        long last = switches.values().stream().mapToLong(CutoverWatch.Switch::estimateNanos).max().orElseThrow();
        return (last - first) / 1e6;
    }

    private double timed(String name, String... command) throws Exception {
        long start = System.nanoTime();
        BenchProcess.start(work, name, List.of(command), Map.of()).awaitExit(Duration.ofMinutes(2));
        return (System.nanoTime() - start) / 1e9;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private void figure(String name, double value) {
        figures.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    private void print(Path site, int rounds, String loadBefore) throws Exception {
        System.out.printf(Locale.ROOT, "%nPropagation to 3 edges (%s) on loopback: a fresh %,d-file site of %.1f MB"
                + " per deployment, %d rounds each.%n%s.%nLoad average (1, 5, 15 min) before: %s; after: %s.%n%n",
                String.join(", ", EDGES), FILES + 1, GeneratedSite.size(site) / 1e6, rounds, Machine.describe(),
                loadBefore, Stats.load());
        System.out.printf("%-112s %s%n", "figure", "min / median / max");
        for (String group : List.of("propagation:", "origin:", "reference:", "cutover:", "rollback:", "poll:")) {
            System.out.println();
            figures.forEach((name, values) -> {
                if (name.startsWith(group)) {
                    System.out.printf("%-112s %s%n", name, Stats.spread(values, "%.3f"));
                }
            });
        }
    }
}
