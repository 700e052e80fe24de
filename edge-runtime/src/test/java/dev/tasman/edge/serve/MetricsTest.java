package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricsTest {

    /** A sample line of the text format 0.0.4: name, optional labels, a float value. */
    static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\]*\")*\\})?"
                    + " (NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    static final Pattern COMMENT = Pattern.compile("# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* "
            + "(counter|gauge|histogram))");

    static void assertParses(String text) {
        assertThat(text).endsWith("\n");
        assertThat(text.lines()).allSatisfy(line -> assertThat(SAMPLE.matcher(line).matches()
                || COMMENT.matcher(line).matches()).as(line).isTrue());
    }

    @Test
    void givenRequests_whenScraped_thenCountedByStatusAndInCumulativeBuckets() {
        Metrics metrics = new Metrics();
        metrics.record(200, TimeUnit.MICROSECONDS.toNanos(300));
        metrics.record(200, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.record(404, TimeUnit.SECONDS.toNanos(2));

        String text = metrics.text();

        assertParses(text);
        assertThat(text.lines()).contains(
                "# TYPE tasman_edge_requests_total counter",
                "tasman_edge_requests_total{status=\"200\"} 2",
                "tasman_edge_requests_total{status=\"404\"} 1",
                "# TYPE tasman_edge_request_duration_seconds histogram",
                "tasman_edge_request_duration_seconds_bucket{le=\"0.0005\"} 1",
                "tasman_edge_request_duration_seconds_bucket{le=\"0.0025\"} 1",
                "tasman_edge_request_duration_seconds_bucket{le=\"0.005\"} 2",
                "tasman_edge_request_duration_seconds_bucket{le=\"1\"} 2",
                "tasman_edge_request_duration_seconds_bucket{le=\"+Inf\"} 3",
                "tasman_edge_request_duration_seconds_sum 2.0033",
                "tasman_edge_request_duration_seconds_count 3");
    }

    @Test
    void givenGauges_whenScraped_thenEachIsReadAtScrapeTimeAndALaterRegistrationReplacesAnEarlierOne() {
        Metrics metrics = new Metrics();
        double[] lag = {1.5};
        metrics.gauge("tasman_edge_sync_lag_seconds", "Seconds behind the feed.", () -> lag[0]);
        metrics.gauge("tasman_edge_cache_bytes", "old", () -> 1);
        metrics.gauge("tasman_edge_cache_bytes", "Bytes of blobs on disk.\nSecond line", () -> 4096);
        metrics.gauge("tasman_edge_feed_position", "Broken.", () -> {
            throw new IllegalStateException("not yet");
        });
        lag[0] = 2.25;

        String text = metrics.text();

        assertParses(text);
        List<String> lines = text.lines().toList();
        assertThat(lines).contains("tasman_edge_sync_lag_seconds 2.25", "tasman_edge_cache_bytes 4096",
                "# HELP tasman_edge_cache_bytes Bytes of blobs on disk.\\nSecond line",
                "# TYPE tasman_edge_cache_bytes gauge", "tasman_edge_feed_position NaN");
        assertThat(lines).filteredOn(line -> line.startsWith("tasman_edge_cache_bytes")).hasSize(1);
    }

    @Test
    void givenACounter_whenScraped_thenTypedAsACounterAndReadAtScrapeTime() {
        Metrics metrics = new Metrics();
        long[] shipped = {0};
        metrics.counter("tasman_edge_telemetry_shipped_records_total", "Shipped.", () -> shipped[0]);
        shipped[0] = 42;

        String text = metrics.text();

        assertParses(text);
        assertThat(text.lines()).contains("# TYPE tasman_edge_telemetry_shipped_records_total counter",
                "tasman_edge_telemetry_shipped_records_total 42");
    }

    @Test
    void givenANameThatIsNotAPrometheusName_whenRegistered_thenRefused() {
        assertThatThrownBy(() -> new Metrics().gauge("sync lag", "x", () -> 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sync lag");
    }
}
