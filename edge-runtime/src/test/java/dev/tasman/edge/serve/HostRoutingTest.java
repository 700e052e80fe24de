package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.routing.Site;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostRoutingTest {

    @RegisterExtension
    static final TestEdge edge = new TestEdge();
    static Site docsV1;
    static Site docsV2;
    static Site shop;

    @BeforeAll
    static void publish() {
        docsV1 = edge.site("dpl_docs1", "prj_docs").file("index.html", "text/html", "docs v1").build();
        docsV2 = edge.site("dpl_docs2", "prj_docs").file("index.html", "text/html", "docs v2").build();
        shop = edge.site("dpl_shop1", "prj_shop").file("index.html", "text/html", "shop").build();
    }

    private static void publishDocsAndShop() {
        edge.publish(Map.of("docs.edge.test", "prj_docs", "www.docs.example", "prj_docs", "127.0.0.1", "prj_docs",
                "shop.edge.test", "prj_shop", "orphan.edge.test", "prj_gone"),
                Map.of("prj_docs", "dpl_docs2", "prj_shop", "dpl_shop1"), docsV1, docsV2, shop);
    }

    @Test
    void givenAProjectHost_whenRequested_thenItsLiveDeploymentAnswersNamingItselfAndTheEdge() {
        publishDocsAndShop();

        HttpResponse<String> docs = edge.get("http://docs.edge.test/");
        HttpResponse<String> shopPage = edge.get("http://shop.edge.test/");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).isEqualTo("docs v2");
        assertThat(docs.headers().firstValue("x-tasman-deployment")).contains("dpl_docs2");
        assertThat(docs.headers().firstValue("x-tasman-edge")).contains(TestEdge.EDGE_ID);
        assertThat(shopPage.body()).isEqualTo("shop");
    }

    @Test
    void givenACustomDomainInAnyCaseWithAPort_whenRequested_thenTheSameProjectAnswers() {
        publishDocsAndShop();

        HttpResponse<String> response = edge.get("http://WWW.Docs.Example:8080/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("docs v2");
    }

    @Test
    void givenAnOrdinaryOriginFormRequest_whenRequested_thenRoutedByItsHostHeader() throws Exception {
        publishDocsAndShop();
        try (HttpClient direct = HttpClient.newHttpClient()) {
            HttpResponse<String> response = direct.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + edge.port + "/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).isEqualTo("docs v2");
        }
    }

    @Test
    void givenAnUnknownHostOrAProjectWithNoLiveDeployment_whenRequested_then404PageNamingNothingInternal() {
        publishDocsAndShop();

        for (String url : List.of("http://nobody.edge.test/index.html", "http://orphan.edge.test/")) {
            HttpResponse<String> response = edge.get(url);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
            assertThat(response.body()).contains("There is no site at this address")
                    .doesNotContain("prj_", "dpl_", TestEdge.EDGE_ID, edge.blobs.root().toString(), "index.html", "Exception");
            assertThat(response.headers().map()).doesNotContainKeys("x-tasman-deployment", "x-tasman-edge");
        }
    }

    @Test
    void givenACutoverWhileAClientLoops_whenEachResponseArrives_thenItsBodyComesFromTheDeploymentItsHeaderNames()
            throws Exception {
        Map<String, String> hosts = Map.of("docs.edge.test", "prj_docs");
        RoutingTable one = TestEdge.table(1, hosts, Map.of("prj_docs", "dpl_docs1"), docsV1, docsV2);
        RoutingTable two = TestEdge.table(2, hosts, Map.of("prj_docs", "dpl_docs2"), docsV1, docsV2);
        edge.routing.swap(one);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread swapper = Thread.ofPlatform().start(() -> {
            for (int i = 0; running.get(); i++) {
                edge.routing.swap(i % 2 == 0 ? two : one);
                LockSupport.parkNanos(50_000); // often enough to land between requests, without starving them
            }
        });
        List<String> seen = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> response = edge.get("http://docs.edge.test/");
                String deployment = response.headers().firstValue("x-tasman-deployment").orElseThrow();
                assertThat(response.body()).isEqualTo(deployment.equals("dpl_docs1") ? "docs v1" : "docs v2");
                seen.add(deployment);
            }
        } finally {
            running.set(false);
            swapper.join();
        }
        assertThat(seen).contains("dpl_docs1", "dpl_docs2");
    }
}
