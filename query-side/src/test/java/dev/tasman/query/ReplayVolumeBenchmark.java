package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import dev.tasman.api.access.TokenKind;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.junit.jupiter.api.Test;

/**
 * Not a test (the name matches neither *Test nor *IT): a measurement, run on purpose with
 * {@code mvn -o -pl query-side verify -Dit.test=ReplayVolumeBenchmark -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtasman.bench.deployments=111112} (9 events each: 1,000,008 events).
 * The event store is filled before the app starts; the app then builds generation 1 from it, and a replay
 * rebuilds it once more, in the failsafe JVM's heap (-Xmx384m). Prints the times, rates and the largest heap
 * still in use after a garbage collection.
 */
class ReplayVolumeBenchmark extends RunningQuerySide {

    private static final int DEPLOYMENTS = Integer.getInteger("tasman.bench.deployments", 2000);
    private static final String ADMIN;
    private static final long FILLED_NANOS;

    static {
        // issued first: the access processor reaches it at once instead of after a million events
        ADMIN = new Platform(new StoredEvents(new SimpleDriverDataSource(new org.postgresql.Driver(), eventStoreUrl())))
                .token("bench-admin", TokenKind.ADMIN, null);
        fill(DEPLOYMENTS);
        FILLED_NANOS = System.nanoTime();
    }

    @Test
    void rebuildTheDashboardFromAMillionEvents() throws Exception {
        long events = platform().events().head();
        String admin = ADMIN;
        JsonNode initial = waitForBuild(admin, "NONE");
        double initialSeconds = Duration.ofNanos(System.nanoTime() - FILLED_NANOS).toMillis() / 1000.0;

        long started = System.nanoTime();
        assertThat(api().post("/v1/admin/replay/dashboard", admin).status()).isEqualTo(202);
        JsonNode replay = waitForBuild(admin, "FINISHED");
        double replaySeconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;

        System.out.printf("BENCH events=%d generation-1 (live batches) %.0f s = %.0f events/s; replay %.0f s, "
                + "reported %s events/s; heap max %d MB, largest live heap after GC %d MB%n", events, initialSeconds,
                events / initialSeconds, replaySeconds, replay.path("eventsPerSecond").asText(),
                Runtime.getRuntime().maxMemory() >> 20, liveHeapAfterGc() >> 20);
        assertThat(initial.path("activeGeneration").asInt()).isEqualTo(1);
    }

    /** Polls the replay status (every 2 s, up to an hour) until {@code state} and the store's head are reached. */
    private JsonNode waitForBuild(String admin, String state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = api().get("/v1/admin/replay/dashboard", admin).json();
            long reached = jdbc.queryForObject("select count(*) from query.dashboard_activity", Long.class);
            if (status.path("state").asText().equals(state) && reached >= DEPLOYMENTS * 3L) {
                return status;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("not done within an hour");
    }

    private static long liveHeapAfterGc() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage).filter(java.util.Objects::nonNull)
                .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
    }

    /** Nine events per deployment, as the control plane stores them, written by PostgreSQL itself for speed. */
    private static void fill(int deployments) {
        String digest = Platform.DIGEST;
        String head = "{\"deploymentId\":\"$D\",\"projectId\":\"$P\"";
        String lines = ",\"lines\":[" + "{\"at\":\"2026-11-22T01:02:03.456Z\",\"stream\":\"stdout\",\"text\":\"> vite "
                + "build: transforming modules\"},".repeat(4) + "{\"at\":\"2026-11-22T01:02:04.001Z\",\"stream\":"
                + "\"stderr\",\"text\":\"warning: large chunk\"}],\"truncated\":false}";
        String[][] flow = {
            {"BuildStarted", head + ",\"target\":\"PRODUCTION\",\"source\":{\"kind\":\"git\",\"location\":"
                    + "\"https://git.example.com/x.git\",\"ref\":\"main\",\"commit\":\"abc\"}}"},
            {"BuildClaimed", head + ",\"worker\":\"worker-1\"}"},
            {"BuildLogRecorded", head + lines},
            {"BuildSucceeded", head + ",\"manifestDigest\":\"" + digest + "\",\"fileCount\":10,\"totalBytes\":1000}"},
            {"PropagationRequested", head + ",\"manifestDigest\":\"" + digest + "\",\"requiredEdges\":[\"mel\","
                    + "\"sin\",\"syd\"]}"},
            {"EdgeAcknowledged", head + ",\"edgeId\":\"mel\",\"manifestDigest\":\"" + digest + "\"}"},
            {"EdgeAcknowledged", head + ",\"edgeId\":\"sin\",\"manifestDigest\":\"" + digest + "\"}"},
            {"EdgeAcknowledged", head + ",\"edgeId\":\"syd\",\"manifestDigest\":\"" + digest + "\"}"},
            {"DeploymentReady", head + ",\"target\":\"PRODUCTION\",\"edges\":[\"mel\",\"sin\",\"syd\"]}"}};
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < flow.length; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'dev.tasman.api.deployment.")
                    .append(flow[i][0]).append("', '").append(flow[i][1]).append("')");
        }
        try (Connection c = DriverManager.getConnection(eventStoreUrl());
             PreparedStatement insert = c.prepareStatement("insert into domainevententry (aggregateidentifier, "
                     + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, "
                     + "timestamp) select 'dpl_bench_' || d, e.seq, 'Deployment', gen_random_uuid()::text, "
                     + "'{\"actor\":\"bench\",\"correlationId\":\"c' || d || '\",\"causationId\":\"c' || d || '\"}', "
                     + "replace(replace(e.payload, '$D', 'dpl_bench_' || d), '$P', 'prj_bench_' || (d % 100)), '1', "
                     + "e.type, to_char(now() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
                     + "from generate_series(1, ?) d cross join (values " + values + ") e(seq, type, payload) "
                     + "order by d, e.seq")) {
            insert.setInt(1, deployments);
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
