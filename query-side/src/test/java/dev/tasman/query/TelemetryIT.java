package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.telemetry.LatencyBuckets;
import dev.tasman.api.telemetry.MinuteAggregate;
import dev.tasman.api.telemetry.RequestBatch;
import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.query.logs.Indices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Edges post request batches with their own tokens; the records show in {@code /v1/logs?kind=request} and the
 * minute aggregates of every edge add up in {@code /v1/metrics}, once however often a batch is sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryIT extends RunningQuerySide {

    private static final ObjectMapper JSON = Json.mapper();
    private static final String INTAKE = "/v1/telemetry/requests";

    @Autowired
    private Indices indices;

    private Platform.Project project;
    private String owner;
    private String sydney;
    private String melbourne;
    private String sydneyToken;
    private String melbourneToken;
    private String deployment;
    private Instant minute;
    private String sydneyBatch;

    @BeforeAll
    void twoEdgesServingAProject() {
        Platform platform = platform();
        owner = Platform.unique("owner");
        project = platform.project(owner);
        sydney = platform.activeEdge(Platform.unique("syd"));
        melbourne = platform.activeEdge(Platform.unique("mel"));
        deployment = platform.deployed(project, owner, List.of(sydney, melbourne), null);
        sydneyToken = token("edge:" + sydney, TokenKind.EDGE, sydney);
        melbourneToken = token("edge:" + melbourne, TokenKind.EDGE, melbourne);
        minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);
        String host = project.name() + ".syd.example.com";
        sydneyBatch = json(new RequestBatch(sydney, List.of(
                new RequestRecord("1", minute.plusSeconds(1), host, "GET", "/index.html", 200, 900, 5120,
                        project.id(), deployment),
                new RequestRecord("2", minute.plusSeconds(2), host, "GET", "/missing/page", 404, 1500, 120,
                        project.id(), deployment),
                new RequestRecord("3", minute.plusSeconds(3), host, "POST", "/api/orders", 503, 20_000, 80,
                        project.id(), deployment)),
                List.of(new MinuteAggregate(minute, project.id(), deployment, 100, 5, 100_000,
                        histogram(90, 1_000, 10, 20_000))), 0));
        String melbourneBatch = json(new RequestBatch(melbourne, List.of(), List.of(new MinuteAggregate(minute,
                project.id(), deployment, 100, 0, 50_000, histogram(100, 1_000, 0, 1)),
                new MinuteAggregate(minute.plusSeconds(60), project.id(), deployment, 60, 60, 600,
                        histogram(60, 5_000, 0, 1))), 0));

        Api.Response sent = api().post(INTAKE, sydneyToken, sydneyBatch);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        assertThat(sent.json().path("accepted").asInt()).isEqualTo(3);
        assertThat(sent.json().path("aggregates").asInt()).isEqualTo(1);
        assertThat(api().post(INTAKE, melbourneToken, melbourneBatch).status()).isEqualTo(202);
        refresh();
    }

    @Test
    void givenRecords_whenLogsOfKindRequestAreRead_thenEachRequestShowsWithItsFields() {
        JsonNode items = api().get("/v1/logs?kind=request&project=" + project.name(), admin()).json().path("items");

        assertThat(Api.texts(items, "path")).containsExactly("/api/orders", "/missing/page", "/index.html");
        JsonNode failed = items.get(0);
        assertThat(failed.path("kind").asText()).isEqualTo("request");
        assertThat(failed.path("status").asInt()).isEqualTo(503);
        assertThat(failed.path("method").asText()).isEqualTo("POST");
        assertThat(failed.path("host").asText()).isEqualTo(project.name() + ".syd.example.com");
        assertThat(failed.path("durationMs").asDouble()).isEqualTo(20.0);
        assertThat(failed.path("bytes").asLong()).isEqualTo(80);
        assertThat(failed.path("edge").asText()).isEqualTo(sydney);
        assertThat(failed.path("deployment").asText()).isEqualTo(deployment);
        assertThat(failed.path("projectName").asText()).isEqualTo(project.name());
        assertThat(failed.path("time").asText()).isEqualTo(minute.plusSeconds(3).toString());
        assertThat(Api.texts(api().get("/v1/logs?kind=request&status=5xx&project=" + project.id(), admin()).json()
                .path("items"), "status")).containsExactly("503");
        assertThat(Api.texts(api().get("/v1/logs?status=404,200&edge=" + sydney, admin()).json()
                .path("items"), "status")).containsExactly("404", "200");
        assertThat(Api.texts(api().get("/v1/logs?kind=request&q=orders&project=" + project.id(), admin()).json()
                .path("items"), "path")).containsExactly("/api/orders");
    }

    @Test
    void givenTwoEdgesInOneMinute_whenMetricsAreRead_thenCountsAndHistogramsAddUpBeforePercentiles() {
        JsonNode points = metrics("/v1/metrics?project=" + project.name() + "&from=" + minute + "&to="
                + minute.plusSeconds(180)).path("points");

        assertThat(points).hasSize(3);
        JsonNode first = points.get(0);
        assertThat(first.path("time").asText()).isEqualTo(minute.toString());
        assertThat(first.path("requests").asLong()).isEqualTo(200);
        assertThat(first.path("errors").asLong()).isEqualTo(5);
        assertThat(first.path("errorRate").asDouble()).isEqualTo(0.025);
        assertThat(first.path("requestsPerSecond").asDouble()).isEqualTo(3.3333);
        assertThat(first.path("bytes").asLong()).isEqualTo(150_000);
        double oneMs = bound(1_000);
        assertThat(first.path("p50Ms").asDouble()).isEqualTo(oneMs);
        assertThat(first.path("p95Ms").asDouble()).isEqualTo(oneMs); // rank 190 of 200: 190 took about 1 ms
        assertThat(first.path("p99Ms").asDouble()).isEqualTo(bound(20_000));
        assertThat(points.get(1).path("requests").asLong()).isEqualTo(60);
        assertThat(points.get(1).path("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(points.get(1).path("p99Ms").asDouble()).isEqualTo(bound(5_000));
        assertThat(points.get(2).path("requests").asLong()).isZero();
        assertThat(points.get(2).has("p50Ms")).isFalse();

        JsonNode sydneyOnly = metrics("/v1/metrics?edge=" + sydney + "&interval=5m&from=" + minute + "&to="
                + minute.plusSeconds(300));
        assertThat(sydneyOnly.path("interval").asText()).isEqualTo("5m");
        assertThat(sydneyOnly.path("points").get(0).path("requests").asLong()).isEqualTo(100);
    }

    @Test
    void givenABatchSentTwice_whenCounted_thenItCountsOnce() {
        assertThat(api().post(INTAKE, sydneyToken, sydneyBatch).status()).isEqualTo(202);
        refresh();

        JsonNode points = metrics("/v1/metrics?project=" + project.id() + "&from=" + minute + "&to="
                + minute.plusSeconds(60)).path("points");
        assertThat(points.get(0).path("requests").asLong()).isEqualTo(200);
        assertThat(api().get("/v1/logs?kind=request&deployment=" + deployment, admin()).json().path("items"))
                .hasSize(3);
    }

    @Test
    void givenAnEdgeSendingForAnotherEdgeOrAPerson_whenPosted_thenRefused() {
        assertProblem(api().post(INTAKE, melbourneToken, sydneyBatch), 403, null);
        assertProblem(api().post(INTAKE, admin(), sydneyBatch), 403, null);
        assertProblem(api().post(INTAKE, null, sydneyBatch), 401, null);
        assertProblem(api().get("/v1/logs", sydneyToken), 403, null);
        assertProblem(api().get("/v1/dashboard/projects", sydneyToken), 403, null);
    }

    @Test
    void givenABadBatch_whenPosted_thenTheFieldIsNamed() {
        Instant now = Instant.now();
        assertProblem(post(new RequestRecord("9", now, "h", "GET", "/", 700, 1, 1, null, null)), 400,
                "records[0].status");
        assertProblem(post(new RequestRecord("9", now.plusSeconds(7200), "h", "GET", "/", 200, 1, 1, null, null)),
                400, "records[0].time");
        assertProblem(post(new RequestRecord(null, now, "h", "GET", "/", 200, 1, 1, null, null)), 400,
                "records[0].id");
        assertProblem(post(new RequestRecord("9", now, "h", "get me", "/", 200, 1, 1, null, null)), 400,
                "records[0].method");
        assertProblem(api().post(INTAKE, sydneyToken, json(new RequestBatch(sydney, List.of(), List.of(
                new MinuteAggregate(minute, null, null, 1, 0, 1, new long[3])), 0))), 400, "aggregates[0].latency");
        assertProblem(api().post(INTAKE, sydneyToken, json(new RequestBatch(sydney, List.of(), List.of(
                new MinuteAggregate(minute.plusSeconds(1), null, null, 1, 0, 1, new long[64])), 0))), 400,
                "aggregates[0].minute");
        assertProblem(api().post(INTAKE, sydneyToken, "{\"edge\": \"" + sydney + "\", \"records\": [{\"status\": "
                + "\"teapot\"}]}"), 400, "records[0].status");
        assertProblem(api().post(INTAKE, sydneyToken, "this is not json"), 400, "body");
        List<RequestRecord> tooMany = java.util.stream.IntStream.range(0, 5001).mapToObj(i -> new RequestRecord(
                "r" + i, now, "h", "GET", "/", 200, 1, 1, null, null)).toList();
        assertProblem(api().post(INTAKE, sydneyToken, json(new RequestBatch(sydney, tooMany, List.of(), 0))), 400,
                "records");
    }

    @Test
    void givenSomeoneWithoutARole_whenTheyAskForMetrics_thenTheProjectIsNotTheirsToSee() {
        String stranger = user(Platform.unique("stranger"));

        assertProblem(api().get("/v1/metrics?project=" + project.name(), stranger), 404, null);
        JsonNode theirs = api().get("/v1/metrics?from=" + minute + "&to=" + minute.plusSeconds(60), stranger).json();
        assertThat(theirs.path("points").get(0).path("requests").asLong()).isZero();
        assertThat(api().get("/v1/logs?kind=request&edge=" + sydney, stranger).json().path("items")).isEmpty();
        assertThat(metrics("/v1/metrics?project=" + project.name() + "&from=" + minute + "&to="
                + minute.plusSeconds(60), user(owner)).path("points").get(0).path("requests").asLong()).isEqualTo(200);
    }

    @Test
    void givenAnIndexOlderThanTheRetention_whenRetentionRuns_thenItIsDeletedAndTodaysIsKept() throws IOException {
        String old = indexPrefix() + "-requests-" + LocalDate.now(ZoneOffset.UTC).minusDays(30).toString()
                .replace('-', '.');
        String today = indexPrefix() + "-logs-" + LocalDate.now(ZoneOffset.UTC).toString().replace('-', '.');
        assertThat(elasticsearch("PUT", "/" + old)).isEqualTo(200);
        elasticsearch("PUT", "/" + today); // 400 when the processor created it already

        assertThat(indices.applyRetention()).contains(old);

        assertThat(elasticsearch("HEAD", "/" + old)).isEqualTo(404);
        assertThat(elasticsearch("HEAD", "/" + today)).isEqualTo(200);
    }

    private Api.Response post(RequestRecord record) {
        return api().post(INTAKE, sydneyToken, json(new RequestBatch(sydney, List.of(record), List.of(), 0)));
    }

    private JsonNode metrics(String path) {
        return metrics(path, admin());
    }

    private JsonNode metrics(String path, String token) {
        Api.Response response = api().get(path, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The upper bound of the bucket a request of this many microseconds counts in, in milliseconds. */
    private static double bound(long micros) {
        return LatencyBuckets.upperBoundMicros(LatencyBuckets.bucketOf(micros)) / 1000.0;
    }

    private static long[] histogram(long count, long micros, long otherCount, long otherMicros) {
        long[] counts = new long[LatencyBuckets.COUNT];
        counts[LatencyBuckets.bucketOf(micros)] += count;
        counts[LatencyBuckets.bucketOf(otherMicros)] += otherCount;
        return counts;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Makes what was written searchable now, instead of within the index's refresh second. */
    private static void refresh() {
        elasticsearch("POST", "/" + indexPrefix() + "-*/_refresh");
    }

    private static int elasticsearch(String method, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(elasticsearchUrl() + path))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
