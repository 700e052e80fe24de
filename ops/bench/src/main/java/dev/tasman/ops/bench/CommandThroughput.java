package dev.tasman.ops.bench;

import dev.tasman.api.project.SealedSecret;
import dev.tasman.api.project.SetEnvironmentVariable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Commands per second and events appended per second on embedded PostgreSQL, through the REST API and
 * through the command gateway, with p50/p99 latency; next to the ceiling measured in the same run:
 * plain JDBC inserts of event-sized rows, one transaction each, into a table shaped like the event store.
 *
 * <p>Usage: {@code ops/bench/command-throughput.sh [commands per scenario, default 3000]}
 */
public final class CommandThroughput {

    private CommandThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path data = Files.createTempDirectory("tasman-bench-");
        try (BenchControlPlane control = new BenchControlPlane(data)) {
            ConfigurableApplicationContext app = control.app;
            String url = control.databaseUrl;
            String base = control.base;
            String token = control.token;
            HttpClient http = HttpClient.newHttpClient();
            String project = send(http, base, token, "POST", "/v1/projects", "{\"name\":\"bench\"}")
                    .replaceAll(".*\"id\":\"(prj_[0-9a-f]+)\".*", "$1");
            CommandGateway gateway = app.getBean(CommandGateway.class);
            SealedSecret sealed = new SealedSecret("kbench", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

            System.out.printf("Tasman command throughput: %d commands per scenario, %d cores, %s%n%n", n,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
            System.out.printf("%-46s %10s %10s %9s %9s%n", "scenario", "cmd/s", "events/s", "p50 ms", "p99 ms");

            warmUp(http, base, token, project, gateway, sealed);
            for (int clients : new int[] {1, 4}) {
                AtomicInteger i = new AtomicInteger();
                report("REST PUT /v1/projects/{id}/env/{name}, " + clients + " client(s)", run(n, clients, () ->
                        send(http, base, token, "PUT", "/v1/projects/" + project + "/env/REST_" + clients + "_"
                                + i.incrementAndGet(), "{\"value\":\"v\"}")), n);
                AtomicInteger j = new AtomicInteger();
                report("command gateway SetEnvironmentVariable, " + clients + " thread(s)", run(n, clients, () ->
                        gateway.sendAndWait(new SetEnvironmentVariable(project, "GW_" + clients + "_" + j.incrementAndGet(),
                                sealed))), n);
            }
            for (int clients : new int[] {1, 4}) {
                AtomicInteger k = new AtomicInteger();
                report("REST POST /v1/projects (new aggregate), " + clients + " client(s)", run(n / 2, clients, () ->
                        send(http, base, token, "POST", "/v1/projects", "{\"name\":\"p" + clients + "-"
                                + k.incrementAndGet() + "\"}")), n / 2);
            }
            for (int clients : new int[] {1, 4}) {
                report("ceiling: plain JDBC insert + commit, " + clients + " thread(s)", rawInserts(url, n, clients), n);
            }
            System.out.println("\n(one command appends one event; each REST call also authenticates its token and"
                    + " updates the control view in the same transaction; PostgreSQL flushes every commit to disk)");
        }
        System.exit(0);
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static void warmUp(HttpClient http, String base, String token, String project, CommandGateway gateway,
            SealedSecret sealed) throws Exception {
        for (int i = 0; i < 500; i++) {
            send(http, base, token, "PUT", "/v1/projects/" + project + "/env/WARM_" + i, "{\"value\":\"v\"}");
            gateway.sendAndWait(new SetEnvironmentVariable(project, "WARMGW_" + i, sealed));
        }
    }

    /** Runs {@code n} actions over {@code clients} threads; returns each action's latency in nanoseconds and the wall time last. */
    private static long[] run(int n, int clients, Action action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] latencies = new long[n + 1];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int k;
                while ((k = next.getAndIncrement()) < n) {
                    long t = System.nanoTime();
                    action.run();
                    latencies[k] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        latencies[n] = System.nanoTime() - start;
        pool.shutdown();
        return latencies;
    }

    private static long[] rawInserts(String url, int n, int clients) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("create table if not exists bench_events (like domainevententry including all)");
        }
        String payload = "{\"projectId\":\"prj_0000000000000000\",\"name\":\"X\",\"value\":{\"keyId\":\"k\",\"ciphertext\":\"AAAA\"}}";
        String metadata = "{\"actor\":\"admin\",\"correlationId\":\"" + UUID.randomUUID() + "\"}";
        ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(url).prepareStatement("insert into bench_events (aggregateidentifier, "
                        + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                        + "values (?, ?, 'Project', ?, ?, ?, '1', 'dev.tasman.api.project.EnvironmentVariableSet', ?)");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        AtomicInteger sequence = new AtomicInteger();
        String aggregate = "raw-" + clients;
        return run(n, clients, () -> {
            PreparedStatement insert = statements.get();
            insert.setString(1, aggregate);
            insert.setLong(2, sequence.getAndIncrement());
            insert.setString(3, UUID.randomUUID().toString());
            insert.setString(4, metadata);
            insert.setString(5, payload);
            insert.setString(6, java.time.Instant.now().toString());
            return insert.executeUpdate();
        });
    }

    private static void report(String scenario, long[] latencies, int n) {
        long wall = latencies[n];
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double perSecond = n / (wall / 1e9);
        System.out.printf("%-46s %10.0f %10.0f %9.2f %9.2f%n", scenario, perSecond, perSecond,
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6);
    }

    private static String send(HttpClient http, String base, String token, String method, String path, String json)
            throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
