package dev.tasman.ops.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.embedded.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/**
 * The query side over a generated history of about a million events (10,000 deployments), in one run:
 * (a) the ceiling, a plain JDBC scan of the same events; (b) the replay rate of the dashboard read model through
 * the packaged query side in its own process with a bounded heap, and the heap it used; (c) the dashboard's
 * list and detail queries, p50/p99 after a warm-up; (d) projection lag under a steady command load.
 *
 * <p>Usage: {@code ops/bench/query-side.sh [events, default 1,000,000] [query-side JVM option...]}
 */
public final class QuerySide {

    private static final String HEAP = "384m";
    private static final int WARM_UP = 200;
    private static final int REQUESTS = 1000;
    private static final double GOAL_RATIO = 0.30;
    private static final double GOAL_P99_MS = 20;

    private final Path work;
    private final String databaseUrl;
    private final List<String> lines = new ArrayList<>();

    private QuerySide(Path work, String databaseUrl) {
        this.work = work;
        this.databaseUrl = databaseUrl;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        long events = args.length > 1 ? Long.parseLong(args[1].replace(",", "").replace("_", "")) : 1_000_000;
        List<String> jvmOptions = List.of(args).subList(Math.min(2, args.length), args.length);
        int deployments = (int) Math.min(10_000, Math.max(100, events / 25));
        String loadBefore = Stats.load();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.flywaydb")).setLevel(Level.WARN);
        Files.createDirectories(work.resolve("pids"));
        try (LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"), 0)) {
            Files.writeString(work.resolve("pids/postgres.pid"),
                    Files.readAllLines(work.resolve("postgres/postmaster.pid")).getFirst());
            String url = postgres.ensureDatabase("tasman");
            // The control plane's own migrations: the event store exactly as it creates it.
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
            new QuerySide(work, url).run(events, deployments, jvmOptions, loadBefore);
        } finally {
            BenchProcess.stopAll();
            Files.deleteIfExists(work.resolve("pids/postgres.pid"));
        }
        System.exit(0);
    }

    private void run(long events, int deployments, List<String> jvmOptions, String loadBefore) throws Exception {
        System.out.printf(Locale.ROOT, "Tasman query side: %,d events requested, %,d deployments%n", events,
                deployments);
        try (EventHistory history = new EventHistory(databaseUrl)) {
            long start = System.nanoTime();
            long written = history.write(events, deployments);
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = single("select sum(length(payload) + length(metadata)) from domainevententry");
            print("history: %,d events (%,d deployments, %,d projects, 3 edges), %.0f MB of payload and metadata, "
                    + "written through Axon's JDBC engine in %.0f s (%,.0f events/s)", written,
                    history.deploymentsStarted(), history.projects().size(), bytes / 1e6, seconds, written / seconds);
            print("history: event types: %s", eventTypes());

            EventScan.scan(databaseUrl, false); // the first pass brings the table into memory, as a replay's would
            EventScan.Result scan = EventScan.scan(databaseUrl, false);
            print("(a) ceiling: plain JDBC SELECT of every event, all columns, position order: %,.0f events/s "
                    + "(%.1f s, %.0f MB/s)", scan.eventsPerSecond(), scan.seconds(), scan.bytes() / 1e6 / scan.seconds());
            EventScan.Result parsed = EventScan.scan(databaseUrl, true);
            print("(a) reference: the same scan, each payload and metadata parsed into its record: %,.0f events/s "
                    + "(%.1f s)", parsed.eventsPerSecond(), parsed.seconds());

            QuerySideProcess query = QuerySideProcess.start(work, databaseUrl, HEAP, jvmOptions);
            String admin = history.adminToken;
            long head = single("select max(globalindex) from domainevententry");
            JsonNode first = awaitFirstBuild(query, admin, head, events);
            double firstSeconds = (System.nanoTime() - query.startedNanos) / 1e9;
            print("(b) generation 1, built as the query side starts (batches of 100, beside the access processor), "
                    + "from process start: %.0f s, %,.0f events/s", firstSeconds, head / firstSeconds);
            replay(query, admin, head, scan, first);
            latencies(query, history);
            lag(query, history, admin);
            query.stop();
        }
        printSummary(loadBefore);
    }

    // ---- (b) replay

    private JsonNode awaitFirstBuild(QuerySideProcess query, String admin, long head, long events) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(600 + events / 100).toNanos();
        while (true) {
            query.checkAlive();
            QuerySideProcess.Response status = query.get("/v1/admin/replay/dashboard", admin);
            if (status.status() == 200) {
                JsonNode json = ControlApi.JSON.readTree(status.body());
                if (json.path("positionReached").asLong() >= head) {
                    return json;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("generation 1 was not built in time: " + status.body());
            }
            Thread.sleep(1000);
        }
    }

    private void replay(QuerySideProcess query, String admin, long head, EventScan.Result scan, JsonNode first)
            throws Exception {
        long start = System.nanoTime();
        QuerySideProcess.Response posted = query.post("/v1/admin/replay/dashboard", admin);
        if (posted.status() != 202) {
            throw new IllegalStateException("POST /v1/admin/replay/dashboard -> " + posted.status() + " " + posted.body());
        }
        int generation = first.path("activeGeneration").asInt() + 1;
        long deadline = System.nanoTime() + Duration.ofSeconds(600 + head / 100).toNanos();
        JsonNode status;
        while (true) {
            status = query.json("/v1/admin/replay/dashboard", admin);
            if (status.path("state").asText().equals("FINISHED") && status.path("activeGeneration").asInt() == generation) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay did not finish in time: " + status);
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = status.path("positionReached").asLong() / seconds;
        long[] heap = query.heapMegabytes();
        print("(b) replay of the dashboard (POST to FINISHED, switch included): %,d events in %.0f s = %,.0f events/s "
                + "(the app reports %,.0f events/s)", status.path("positionReached").asLong(), seconds, rate,
                status.path("eventsPerSecond").asDouble());
        print("(b) replay / scan = %.1f %% (goal >= %.0f %%: %s)", 100 * rate / scan.eventsPerSecond(),
                100 * GOAL_RATIO, rate / scan.eventsPerSecond() >= GOAL_RATIO ? "met" : "MISSED");
        print("(b) query side heap (-Xmx%s, GC log over the process's life): at most %d MB in use before a "
                + "collection, at most %d MB still live after one (goal: a few hundred MB)", HEAP, heap[0], heap[1]);
    }

    // ---- (c) query latency

    private void latencies(QuerySideProcess query, EventHistory history) throws Exception {
        Random random = new Random(7);
        List<EventHistory.Project> projects = history.projects();
        List<String> deployments = new ArrayList<>(history.deploymentProjects().keySet());
        deployments.sort(null);
        List<String> cursors = new ArrayList<>();
        cursors.add("");
        String cursor = null;
        do {
            JsonNode page = query.json("/v1/dashboard/projects?limit=20" + (cursor == null ? "" : "&cursor=" + cursor),
                    history.adminToken);
            cursor = page.path("nextCursor").asText(null);
            if (cursor != null) {
                cursors.add("&cursor=" + cursor);
            }
        } while (cursor != null && cursors.size() < 100);
        Map<String, IntFunction<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("projects list, a page (admin)", i -> "/v1/dashboard/projects?limit=20"
                + cursors.get(random.nextInt(cursors.size())));
        endpoints.put("projects list, first page (member of 1 % of projects)", i -> "/v1/dashboard/projects?limit=20");
        endpoints.put("projects name search q=", i -> {
            String name = projects.get(random.nextInt(projects.size())).name;
            int at = random.nextInt(Math.max(1, name.length() - 5));
            return "/v1/dashboard/projects?q=" + name.substring(at, Math.min(name.length(), at + 5));
        });
        endpoints.put("one project", i -> "/v1/dashboard/projects/" + projects.get(random.nextInt(projects.size())).id);
        endpoints.put("a project's deployments, first page", i -> "/v1/dashboard/projects/"
                + projects.get((int) (Math.pow(random.nextDouble(), 2) * projects.size())).id + "/deployments");
        endpoints.put("one deployment", i -> "/v1/dashboard/deployments/"
                + deployments.get(random.nextInt(deployments.size())));
        endpoints.put("edges", i -> "/v1/dashboard/edges");
        endpoints.put("activity, first page", i -> "/v1/dashboard/activity");
        endpoints.put("activity of one project", i -> "/v1/dashboard/activity?project="
                + projects.get(random.nextInt(projects.size())).id);
        print("(c) dashboard queries at %,d deployments / %,d projects, one client over loopback, %d requests each "
                + "after %d warm-up (goal p99 < %.0f ms):", deployments.size(), projects.size(), REQUESTS, WARM_UP,
                GOAL_P99_MS);
        print("    %-58s %8s %8s %8s  %s", "endpoint", "p50 ms", "p99 ms", "max ms", "goal");
        for (Map.Entry<String, IntFunction<String>> endpoint : endpoints.entrySet()) {
            String token = endpoint.getKey().contains("member") ? history.memberToken : history.adminToken;
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < WARM_UP + REQUESTS; i++) {
                String path = endpoint.getValue().apply(i);
                QuerySideProcess.Response response = query.get(path, token);
                if (response.status() != 200) {
                    throw new IllegalStateException("GET " + path + " -> " + response.status() + " " + response.body());
                }
                if (i >= WARM_UP) {
                    millis.add(response.nanos() / 1e6);
                }
            }
            double p99 = Stats.percentile(millis, 0.99);
            print("    %-58s %8.2f %8.2f %8.2f  %s", endpoint.getKey(), Stats.percentile(millis, 0.50), p99,
                    Stats.percentile(millis, 1.0), p99 < GOAL_P99_MS ? "met" : "MISSED");
        }
    }

    // ---- (d) projection lag

    private void lag(QuerySideProcess query, EventHistory history, String admin) throws Exception {
        for (int rate : new int[] {50, 200}) {
            ProjectionLag.Result result = ProjectionLag.measure(history, query, admin, rate, 20);
            print("(d) lag at %d events/s (%,d events, one transaction each, in %.1f s): commit to shown in "
                    + "/v1/dashboard/activity p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d events; %d not shown "
                    + "within 10 s (reference: the store is polled every 250 ms)", rate, result.written(),
                    result.seconds(), Stats.percentile(result.lagsMs(), 0.5), Stats.percentile(result.lagsMs(), 0.99),
                    Stats.percentile(result.lagsMs(), 1.0), result.lagsMs().size(), result.unseen());
        }
    }

    // ---- output

    private void print(String format, Object... values) {
        String line = String.format(Locale.ROOT, format, values);
        lines.add(line);
        System.out.println(line);
        System.out.flush();
    }

    private void printSummary(String loadBefore) throws Exception {
        System.out.println();
        System.out.println("==== Tasman query side, summary");
        System.out.println("machine: " + Machine.describe() + ", PostgreSQL "
                + text("show server_version") + " (embedded, durable)");
        System.out.println("load average before: " + loadBefore + ", after: " + Stats.load());
        lines.forEach(System.out::println);
    }

    private String eventTypes() throws Exception {
        StringBuilder types = new StringBuilder();
        try (Connection c = DriverManager.getConnection(databaseUrl);
             ResultSet rows = c.createStatement().executeQuery("select substring(payloadtype from '[^.]*$'), count(*) "
                     + "from domainevententry group by 1 order by 2 desc")) {
            while (rows.next()) {
                types.append(types.isEmpty() ? "" : ", ").append(rows.getString(1)).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", rows.getLong(2)));
            }
        }
        return types.toString();
    }

    private long single(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl);
             ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
