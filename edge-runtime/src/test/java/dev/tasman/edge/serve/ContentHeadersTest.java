package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.api.manifest.RoutingRules.Header;
import dev.tasman.api.manifest.RoutingRules.HeaderRule;
import dev.tasman.edge.routing.Site;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Content-Type and Cache-Control as the manifest and file names say, and the generic failure page. */
class ContentHeadersTest {

    private static final String SITE = "http://assets.edge.test";

    @RegisterExtension
    static final TestEdge edge = new TestEdge();

    @BeforeAll
    static void publish() {
        Site site = edge.site("dpl_assets", "prj_assets")
                .file("index.html", "text/html", "<p>home")
                .file("assets/app.3f9a8c1d.js", "text/javascript", "app")
                .file("assets/index-B7xk2Qp9.css", "text/css; charset=utf-8", "css")
                .file("vendor/jquery-3.7.1.min.js", "application/javascript", "jq")
                .file("logo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'})
                .file("data.bin", null, "?")
                .file("fonts/inter.woff2", "font/woff2", "font")
                .build(new RoutingRules(List.of(new HeaderRule("/fonts/:file",
                        List.of(new Header("Cache-Control", "public, max-age=600")))), List.of(), List.of(), false,
                        null, null));
        edge.publish(Map.of("assets.edge.test", "prj_assets"), Map.of("prj_assets", "dpl_assets"), site);
    }

    private static String header(String path, String name) {
        return edge.get(SITE + path).headers().firstValue(name).orElse(null);
    }

    @Test
    void givenManifestContentTypes_whenServed_thenTextTypesCarryUtf8OnceAndOthersAreLeftAlone() {
        assertThat(header("/", "content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(header("/assets/app.3f9a8c1d.js", "content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(header("/assets/index-B7xk2Qp9.css", "content-type")).isEqualTo("text/css; charset=utf-8");
        assertThat(header("/logo.png", "content-type")).isEqualTo("image/png");
        assertThat(header("/data.bin", "content-type")).isEqualTo("application/octet-stream");
    }

    @Test
    void givenHashedAssetNames_whenServed_thenCachedForAYearAndEverythingElseRevalidates() {
        assertThat(header("/assets/app.3f9a8c1d.js", "cache-control")).isEqualTo(ServedFile.IMMUTABLE);
        assertThat(header("/assets/index-B7xk2Qp9.css", "cache-control")).isEqualTo(ServedFile.IMMUTABLE);
        assertThat(header("/vendor/jquery-3.7.1.min.js", "cache-control")).isEqualTo(ServedFile.REVALIDATE);
        assertThat(header("/", "cache-control")).isEqualTo(ServedFile.REVALIDATE);
        assertThat(header("/logo.png", "cache-control")).isEqualTo(ServedFile.REVALIDATE);
    }

    @Test
    void givenAHeaderRuleSettingCacheControl_whenServed_thenTheRuleWins() {
        assertThat(edge.get(SITE + "/fonts/inter.woff2").headers().allValues("cache-control"))
                .containsExactly("public, max-age=600");
    }

    @Test
    void givenABlobMissingFromDisk_whenRequested_then500GenericPageWithoutInternals() throws Exception {
        Site broken = edge.site("dpl_broken", "prj_broken").file("gone.txt", "text/plain", "soon gone").build();
        edge.publish(Map.of("broken.edge.test", "prj_broken"), Map.of("prj_broken", "dpl_broken"), broken);
        Files.delete(edge.blobs.path(broken.files().get("gone.txt").sha256()));

        HttpResponse<String> response = edge.get("http://broken.edge.test/gone.txt");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Something went wrong on our side")
                .doesNotContain("Exception", "gone.txt", edge.blobs.root().toString(), "dpl_");
        assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
        assertThat(response.headers().map()).doesNotContainKeys("etag", "set-cookie");
        assertThat(response.headers().firstValue("x-tasman-deployment")).contains("dpl_broken");
    }
}
