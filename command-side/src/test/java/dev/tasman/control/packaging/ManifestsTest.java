package dev.tasman.control.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private static final String SHA = "a".repeat(64);

    private static Manifest manifest(String path) {
        return new Manifest(Manifest.CURRENT_VERSION, "dpl_1", "prj_1",
                new ArrayList<>(List.of(new ManifestFile(path, SHA, 5, "text/html; charset=utf-8", null, "b".repeat(64)))),
                new RoutingRules(List.of(new RoutingRules.HeaderRule("/:all*", List.of(new RoutingRules.Header("X-A", "1")))),
                        List.of(new RoutingRules.Redirect("/old", "/new", true)), List.of(), true, null, "index.html"),
                null);
    }

    @Test
    void givenAManifest_whenMadeCanonical_thenKeysFollowDeclarationOrderWithNullsAndNoWhitespace() {
        String json = new String(Manifests.canonicalJson(manifest("index.html")), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"version\":1,\"deploymentId\":\"dpl_1\",\"projectId\":\"prj_1\",\"files\":["
                + "{\"path\":\"index.html\",\"sha256\":\"" + SHA + "\",\"size\":5,\"contentType\":\"text/html; charset=utf-8\","
                + "\"gzip\":null,\"brotli\":\"" + "b".repeat(64) + "\"}],"
                + "\"routing\":{\"headers\":[{\"source\":\"/:all*\",\"headers\":[{\"key\":\"X-A\",\"value\":\"1\"}]}],"
                + "\"redirects\":[{\"source\":\"/old\",\"destination\":\"/new\",\"permanent\":true}],\"rewrites\":[],"
                + "\"cleanUrls\":true,\"trailingSlash\":null,\"spaFallback\":\"index.html\"},"
                + "\"server\":null}");
    }

    @Test
    void givenEqualManifests_whenMadeCanonical_thenTheBytesAreIdenticalAndSurviveARoundTrip() throws Exception {
        byte[] one = Manifests.canonicalJson(manifest("index.html"));
        byte[] two = Manifests.canonicalJson(manifest("index.html"));

        assertThat(two).isEqualTo(one);
        assertThat(Manifests.canonicalJson(Manifests.parse(one))).isEqualTo(one);
        assertThat(Manifests.digest(two)).isEqualTo(Manifests.digest(one));
    }

    @Test
    void givenNonAsciiPaths_whenMadeCanonical_thenTheyAreUtf8NotEscaped() {
        byte[] json = Manifests.canonicalJson(manifest("grüße/日本.html"));

        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"path\":\"grüße/日本.html\"");
        assertThat(new String(json, StandardCharsets.ISO_8859_1)).doesNotContain("\\u");
    }

    @Test
    void givenCanonicalBytes_whenDigested_thenSha256PrefixedHex() {
        assertThat(Manifests.digest("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Manifests.digest(Manifests.canonicalJson(manifest("a.html"))))
                .isNotEqualTo(Manifests.digest(Manifests.canonicalJson(manifest("b.html"))))
                .matches("sha256:[0-9a-f]{64}");
    }
}
