package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.telemetry.LatencyBuckets;
import dev.tasman.api.telemetry.MinuteAggregate;
import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.edge.telemetry.Telemetry;
import dev.tasman.edge.telemetry.TelemetryOptions;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.TelemetryFixture;
import dev.tasman.edge.testing.TelemetryReceiver;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Requests served by a real edge chain arrive at a real receiver playing the query side. */
class RequestTelemetryTest {

    private static final String PAGE = "<h1>docs</h1>";

    @RegisterExtension
    final TestEdge edge = new TestEdge();
    @RegisterExtension
    final TelemetryFixture shipping = new TelemetryFixture();
    @TempDir
    Path data;
    TelemetryReceiver receiver;

    @BeforeEach
    void publish() {
        receiver = shipping.receiver;
        edge.publish(Map.of("docs.edge.test", "prj_docs"), Map.of("prj_docs", "dpl_docs1"),
                edge.site("dpl_docs1", "prj_docs").file("index.html", "text/html", PAGE).build());
    }

    @Test
    void givenAServedFileA404A405AndAnUnknownHost_whenShipped_thenARecordOfEachArrivesWithItsFields()
            throws IOException {
        ship(options -> options);
        Instant before = Instant.now();

        HttpResponse<String> page = edge.get("http://docs.edge.test/index.html?utm=mail");
        HttpResponse<String> missing = edge.get("http://docs.edge.test/nothing-here");
        HttpResponse<String> unknown = edge.get("http://nobody.edge.test/");
        HttpResponse<String> post = edge.send("POST", "http://docs.edge.test/form");
        Eventually.until("four records arrived", () -> receiver.records().size() == 4);

        Map<String, RequestRecord> byPath = byPath(receiver.records());
        RequestRecord served = byPath.get("/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(served.host()).isEqualTo("docs.edge.test");
        assertThat(served.method()).isEqualTo("GET");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.bytes()).isEqualTo(PAGE.length());
        assertThat(served.project()).isEqualTo("prj_docs");
        assertThat(served.deployment()).isEqualTo("dpl_docs1");
        assertThat(served.durationMicros()).isPositive();
        assertThat(served.time()).isBetween(before, Instant.now());
        RequestRecord notFound = byPath.get("/nothing-here");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.bytes()).isEqualTo(missing.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(notFound.deployment()).isEqualTo("dpl_docs1");
        RequestRecord noSite = byPath.get("/");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(noSite.host()).isEqualTo("nobody.edge.test");
        assertThat(noSite.project()).isNull();
        assertThat(noSite.deployment()).isNull();
        RequestRecord notAllowed = byPath.get("/form");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(notAllowed.method()).isEqualTo("POST");
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.project()).isEqualTo("prj_docs");
        assertThat(receiver.records()).extracting(RequestRecord::id).doesNotHaveDuplicates();
        assertThat(receiver.authorizations).containsOnly("Bearer " + TelemetryFixture.TOKEN);
        assertThat(receiver.accepted).allSatisfy(batch -> assertThat(batch.edge()).isEqualTo(TestEdge.EDGE_ID));
    }

    @Test
    void givenRequestsInAMinute_whenTheMinuteCloses_thenItsAggregateCountsThemAndTheirLatencies() throws IOException {
        ship(options -> options);
        for (int i = 0; i < 5; i++) {
            edge.get("http://docs.edge.test/");
        }
        edge.get("http://docs.edge.test/missing");
        Eventually.until("six records arrived", () -> receiver.records().size() == 6);

        shipping.clock.advance(Duration.ofMinutes(2));
        Eventually.until("the minute's aggregate arrived", () -> !receiver.aggregates().isEmpty());

        List<RequestRecord> records = receiver.records();
        List<MinuteAggregate> aggregates = receiver.aggregates();
        assertThat(aggregates).allSatisfy(aggregate -> {
            assertThat(aggregate.project()).isEqualTo("prj_docs");
            assertThat(aggregate.deployment()).isEqualTo("dpl_docs1");
            assertThat(aggregate.minute()).isEqualTo(aggregate.minute().truncatedTo(ChronoUnit.MINUTES));
        });
        assertThat(aggregates).extracting(MinuteAggregate::minute).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(records.stream()
                        .map(record -> record.time().truncatedTo(ChronoUnit.MINUTES)).distinct().toList());
        assertThat(aggregates.stream().mapToLong(MinuteAggregate::requests).sum()).isEqualTo(6);
        assertThat(aggregates.stream().mapToLong(MinuteAggregate::errors).sum()).isZero();
        assertThat(aggregates.stream().mapToLong(MinuteAggregate::bytes).sum())
                .isEqualTo(records.stream().mapToLong(RequestRecord::bytes).sum());
        long[] expected = new long[LatencyBuckets.COUNT];
        records.forEach(record -> expected[LatencyBuckets.bucketOf(record.durationMicros())]++);
        long[] latency = new long[LatencyBuckets.COUNT];
        aggregates.forEach(aggregate -> IntStream.range(0, latency.length)
                .forEach(i -> latency[i] += aggregate.latency()[i]));
        assertThat(latency).containsExactly(expected);
    }

    @Test
    void givenAFullQueue_whenRequestsAreServed_thenRecordsAreDroppedAndCountedButTheAggregateHasEveryRequest()
            throws IOException {
        // one record fits in memory and nothing is written for an hour: the other four are dropped
        ship(options -> options.withQueueCapacity(1).withInterval(Duration.ofHours(1)));
        for (int i = 0; i < 5; i++) {
            assertThat(edge.get("http://docs.edge.test/").statusCode()).isEqualTo(200);
        }
        Eventually.until("every request reached telemetry", () -> scrape().contains(
                "tasman_edge_telemetry_dropped_records_total 4"));
        shipping.clock.advance(Duration.ofMinutes(2));

        shipping.stop(); // writes the queue and the closed minute to disk
        ship(options -> options);
        Eventually.until("the backlog arrived after the restart", () -> !receiver.aggregates().isEmpty());

        assertThat(receiver.records()).hasSize(1);
        assertThat(receiver.droppedReported()).isEqualTo(4);
        Eventually.until("the shipment is in the metrics", () -> scrape().contains(
                "tasman_edge_telemetry_shipped_records_total 1"));
        MetricsTest.assertParses(scrape());
        assertThat(scrape()).contains("tasman_edge_telemetry_queued_records 0", "tasman_edge_telemetry_buffer_bytes 0",
                "tasman_edge_telemetry_buffered_records 0", "tasman_edge_telemetry_last_ship_error_status 0");
        assertThat(receiver.aggregates().stream().mapToLong(MinuteAggregate::requests).sum()).isEqualTo(5);
    }

    @Test
    void givenAQuerySideThatHangs_whenRequestsAreServed_thenTheyAreAllAnswered() throws Exception {
        receiver.hang();
        ship(options -> options);
        edge.get("http://docs.edge.test/");
        Eventually.until("the shipper is stuck on a batch", () -> receiver.held.get() == 1);

        List<CompletableFuture<Integer>> requests = IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> edge.get("http://docs.edge.test/").statusCode()))
                .toList();

        for (CompletableFuture<Integer> request : requests) {
            assertThat(request.get()).isEqualTo(200);
        }
        assertThat(receiver.held.get()).isEqualTo(1);
        assertThat(receiver.accepted).isEmpty();
    }

    private void ship(UnaryOperator<TelemetryOptions> adjust) throws IOException {
        Telemetry telemetry = shipping.start(TestEdge.EDGE_ID, data.resolve("telemetry"), adjust);
        telemetry.publish(edge.metrics);
        edge.log(telemetry);
    }

    private String scrape() {
        return edge.metrics.text();
    }

    private static Map<String, RequestRecord> byPath(List<RequestRecord> records) {
        return records.stream().collect(Collectors.toMap(RequestRecord::path, record -> record));
    }
}
