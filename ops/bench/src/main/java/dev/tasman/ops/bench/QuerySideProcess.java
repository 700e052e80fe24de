package dev.tasman.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged query side as its README runs it ({@code java -jar query-side-*-exec.jar} with
 * {@code TASMAN_DB_URL}), its own process with a bounded heap and a GC log, and its API over HTTP/1.1 with a
 * token the history issued.
 */
final class QuerySideProcess {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final BenchProcess process;
    private final Path gcLog;
    final String base;
    final long startedNanos;

    private QuerySideProcess(BenchProcess process, Path gcLog, String base, long startedNanos) {
        this.process = process;
        this.gcLog = gcLog;
        this.base = base;
        this.startedNanos = startedNanos;
    }

    static QuerySideProcess start(Path work, String databaseUrl, String heap, List<String> jvmOptions)
            throws Exception {
        int port = LoopbackPlatform.freePort();
        Path gcLog = work.resolve("logs/query-side-gc.log");
        Files.createDirectories(gcLog.getParent());
        List<String> command = new ArrayList<>(List.of(LoopbackPlatform.java(), "-Xmx" + heap,
                "-Xlog:gc:file=" + gcLog));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", LoopbackPlatform.jar("query-side/target", "query-side-").toString()));
        long started = System.nanoTime();
        BenchProcess process = BenchProcess.start(work, "query-side", command, Map.of("TASMAN_DB_URL", databaseUrl,
                "TASMAN_QUERY_PORT", Integer.toString(port), "TASMAN_QUERY_DATA", work.resolve("query").toString()));
        process.awaitPort(port, Duration.ofSeconds(240));
        return new QuerySideProcess(process, gcLog, "http://127.0.0.1:" + port, started);
    }

    /** GET with the token; the status, the body and the nanoseconds it took. */
    record Response(int status, String body, long nanos) {
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    Response post(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private Response send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), System.nanoTime() - start);
    }

    /** GET that must answer 200; the body as JSON. */
    JsonNode json(String path, String token) throws Exception {
        Response response = get(path, token);
        if (response.status() != 200) {
            process.checkAlive();
            throw new IllegalStateException("GET " + path + " -> " + response.status() + " " + response.body());
        }
        return ControlApi.JSON.readTree(response.body());
    }

    void checkAlive() throws IOException {
        process.checkAlive();
    }

    /**
     * From the GC log: the most heap in use before any collection (how full it got) and the most still in use
     * after one (what was live), in MB, and the heap's size.
     */
    long[] heapMegabytes() throws IOException {
        long before = 0;
        long after = 0;
        long size = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                size = Math.max(size, Long.parseLong(m.group(3)));
            }
        }
        return new long[] {before, after, size};
    }

    void stop() {
        process.stop();
    }
}
