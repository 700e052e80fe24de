package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.edge.routing.RoutingTable;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndpointsTest {

    @RegisterExtension
    final TestEdge edge = new TestEdge();

    @Test
    void givenNoRoutingTableYet_whenHealthIsAsked_then503Starting() {
        HttpResponse<String> response = edge.get("http://10.0.0.7/_tasman/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"starting\"}");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void givenNoRoutingTableYet_whenASiteIsRequested_then503AskingToRetry() {
        HttpResponse<String> response = edge.get("http://docs.edge.test/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).contains("5");
        assertThat(response.body()).contains("Try again in a few seconds");
    }

    @Test
    void givenALoadedTable_whenHealthIsAskedOnAnyHost_then200ReadyWithPositionAndSites() {
        edge.routing.swap(TestEdge.table(42, Map.of("docs.edge.test", "prj_docs"), Map.of("prj_docs", "dpl_a"),
                edge.site("dpl_a", "prj_docs").file("index.html", "text/html", "a").build(),
                edge.site("dpl_b", "prj_docs").file("index.html", "text/html", "b").build()));

        for (String host : new String[] {"docs.edge.test", "unknown.example"}) {
            HttpResponse<String> response = edge.get("http://" + host + "/_tasman/health");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"status\":\"ready\",\"position\":42,\"sites\":2}");
        }
        edge.routing.swap(RoutingTable.EMPTY);
        assertThat(edge.get("http://x/_tasman/health").body()).isEqualTo("{\"status\":\"ready\",\"position\":0,\"sites\":0}");
    }

    @Test
    void givenSiteRequestsAndRegisteredGauges_whenMetricsAreScraped_thenCountersHistogramAndGaugesParse() {
        edge.metrics.gauge("tasman_edge_sync_lag_seconds", "Seconds the edge is behind the feed.", () -> 0.5);
        edge.metrics.gauge("tasman_edge_cache_bytes", "Bytes of blobs on disk.", () -> 123456);
        edge.publish(Map.of("docs.edge.test", "prj_docs"), Map.of("prj_docs", "dpl_a"),
                edge.site("dpl_a", "prj_docs").file("index.html", "text/html", "a").build());
        edge.get("http://docs.edge.test/");
        edge.get("http://docs.edge.test/");
        edge.get("http://nowhere.test/");
        edge.get("http://docs.edge.test/_tasman/health");

        HttpResponse<String> response = edge.get("http://10.0.0.7/_tasman/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
        MetricsTest.assertParses(response.body());
        assertThat(response.body().lines()).contains(
                "tasman_edge_requests_total{status=\"200\"} 2",
                "tasman_edge_requests_total{status=\"404\"} 1",
                "tasman_edge_request_duration_seconds_count 3",
                "tasman_edge_request_duration_seconds_bucket{le=\"+Inf\"} 3",
                "tasman_edge_sync_lag_seconds 0.5",
                "tasman_edge_cache_bytes 123456",
                "tasman_edge_memory_cache_bytes 1");
    }

    @Test
    void givenAnythingElseUnderTheReservedPrefix_whenAsked_thenAJsonProblem() {
        HttpResponse<String> unknown = edge.get("http://docs.edge.test/_tasman/secrets");
        HttpResponse<String> post = edge.send("POST", "http://docs.edge.test/_tasman/health");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(unknown.body()).contains("\"status\":404", "/_tasman/health");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).contains("GET, HEAD");
    }
}
