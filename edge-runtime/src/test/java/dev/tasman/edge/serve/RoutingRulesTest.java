package dev.tasman.edge.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.api.manifest.RoutingRules.Header;
import dev.tasman.api.manifest.RoutingRules.HeaderRule;
import dev.tasman.api.manifest.RoutingRules.Redirect;
import dev.tasman.api.manifest.RoutingRules.Rewrite;
import dev.tasman.edge.routing.Site;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The manifest's rules in their order: redirects, headers, rewrites, files, SPA fallback, 404. */
class RoutingRulesTest {

    private static final String SITE = "http://site.edge.test";
    private static final String HTML = "text/html";

    @RegisterExtension
    static final TestEdge edge = new TestEdge();

    private static void serve(RoutingRules rules) {
        Site site = edge.site("dpl_rules", "prj_rules")
                .file("index.html", HTML, "home")
                .file("about.html", HTML, "about")
                .file("old.html", HTML, "old file")
                .file("docs/index.html", HTML, "docs index")
                .file("posts/hello.html", HTML, "post hello")
                .file("app.js", "text/javascript", "script")
                .file("404.html", HTML, "custom not found")
                .build(rules);
        edge.publish(Map.of("site.edge.test", "prj_rules"), Map.of("prj_rules", "dpl_rules"), site);
    }

    private static RoutingRules rules(List<HeaderRule> headers, List<Redirect> redirects, List<Rewrite> rewrites,
            boolean cleanUrls, Boolean trailingSlash, String spaFallback) {
        return new RoutingRules(headers, redirects, rewrites, cleanUrls, trailingSlash, spaFallback);
    }

    private static void assertRedirect(HttpResponse<String> response, int status, String location) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("location")).contains(location);
        assertThat(response.headers().firstValue("x-tasman-deployment")).contains("dpl_rules");
    }

    @Test
    void givenRootAndDirectoryPaths_whenRequested_thenTheirIndexFilesAnswer() {
        serve(RoutingRules.none());

        assertThat(edge.get(SITE + "/").body()).isEqualTo("home");
        assertThat(edge.get(SITE + "/docs/").body()).isEqualTo("docs index");
        assertThat(edge.get(SITE + "/docs").body()).isEqualTo("docs index");
        assertThat(edge.get(SITE + "/about.html").body()).isEqualTo("about");
        assertThat(edge.get(SITE + "/about").statusCode()).isEqualTo(404);
    }

    @Test
    void givenRedirects_whenAPathMatches_thenPermanent308OrTemporary307WithParametersAndTheQueryKept() {
        serve(rules(List.of(), List.of(new Redirect("/blog/:slug", "/posts/:slug", true),
                new Redirect("/old.html", "/about", false),
                new Redirect("/ext/:rest*", "https://example.com/:rest*", true)), List.of(), false, null, null));

        assertRedirect(edge.get(SITE + "/blog/hello?utm=x&b=2"), 308, "/posts/hello?utm=x&b=2");
        assertRedirect(edge.get(SITE + "/old.html"), 307, "/about");
        assertRedirect(edge.get(SITE + "/ext/a/b"), 308, "https://example.com/a/b");
        assertThat(edge.get(SITE + "/old.html").body()).isEmpty();
    }

    @Test
    void givenHeaderRules_whenAPathMatches_thenTheirHeadersAreAddedButNeverOnesDescribingTheBytes() {
        serve(rules(List.of(new HeaderRule("/:all*", List.of(new Header("X-Frame-Options", "DENY"))),
                new HeaderRule("/docs/:rest*", List.of(new Header("X-Section", "docs"), new Header("ETag", "\"fake\"")))),
                List.of(), List.of(), false, null, null));

        HttpResponse<String> docs = edge.get(SITE + "/docs/");
        HttpResponse<String> home = edge.get(SITE + "/");

        assertThat(docs.headers().firstValue("x-frame-options")).contains("DENY");
        assertThat(docs.headers().firstValue("x-section")).contains("docs");
        assertThat(docs.headers().firstValue("etag")).hasValueSatisfying(tag -> assertThat(tag).isNotEqualTo("\"fake\""));
        assertThat(home.headers().firstValue("x-frame-options")).contains("DENY");
        assertThat(home.headers().map()).doesNotContainKey("x-section");
    }

    @Test
    void givenRewrites_whenAPathMatches_thenTheDestinationFileAnswersUnderTheRequestedUrl() {
        serve(rules(List.of(), List.of(), List.of(new Rewrite("/blog/:slug", "/posts/:slug"),
                new Rewrite("/blog/:slug", "/about.html"), new Rewrite("/app/:rest*", "/index.html")),
                true, null, null));

        HttpResponse<String> post = edge.get(SITE + "/blog/hello");

        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEqualTo("post hello");
        assertThat(edge.get(SITE + "/app/settings/profile").body()).isEqualTo("home");
        assertThat(edge.get(SITE + "/blog/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void givenRedirectsAndRewritesForTheSamePath_whenRequested_thenTheRedirectComesFirst() {
        serve(rules(List.of(), List.of(new Redirect("/about", "/moved", true)),
                List.of(new Rewrite("/about", "/about.html")), false, null, null));

        assertRedirect(edge.get(SITE + "/about"), 308, "/moved");
    }

    @Test
    void givenCleanUrls_whenRequested_thenPagesAnswerWithoutHtmlAndHtmlFormsRedirectToThem() {
        serve(rules(List.of(), List.of(), List.of(), true, null, null));

        assertThat(edge.get(SITE + "/about").body()).isEqualTo("about");
        assertThat(edge.get(SITE + "/about/").body()).isEqualTo("about");
        assertRedirect(edge.get(SITE + "/about.html?x=1"), 308, "/about?x=1");
        assertRedirect(edge.get(SITE + "/docs/index.html"), 308, "/docs/");
        assertRedirect(edge.get(SITE + "/index.html"), 308, "/");
        assertThat(edge.get(SITE + "/missing.html").statusCode()).isEqualTo(404);
    }

    @Test
    void givenTrailingSlashTrue_whenAPathWithoutExtensionLacksIt_thenRedirectedToTheSlashedForm() {
        serve(rules(List.of(), List.of(), List.of(), true, true, null));

        assertRedirect(edge.get(SITE + "/docs?page=2"), 308, "/docs/?page=2");
        assertRedirect(edge.get(SITE + "/about.html"), 308, "/about/");
        assertThat(edge.get(SITE + "/docs/").body()).isEqualTo("docs index");
        assertThat(edge.get(SITE + "/about/").body()).isEqualTo("about");
        assertThat(edge.get(SITE + "/app.js").body()).isEqualTo("script");
    }

    @Test
    void givenTrailingSlashFalse_whenAPathEndsWithASlash_thenRedirectedToTheUnslashedForm() {
        serve(rules(List.of(), List.of(), List.of(), false, false, null));

        assertRedirect(edge.get(SITE + "/docs/"), 308, "/docs");
        assertThat(edge.get(SITE + "/docs").body()).isEqualTo("docs index");
        assertThat(edge.get(SITE + "/").body()).isEqualTo("home");
    }

    @Test
    void givenAnSpaFallback_whenAnUnknownPathAcceptsHtml_thenTheFallbackAnswers200ButNotForScripts() {
        serve(rules(List.of(), List.of(), List.of(), false, null, "index.html"));

        HttpResponse<String> route = edge.get(SITE + "/settings/profile", "Accept", "text/html,application/xhtml+xml");
        HttpResponse<String> chunk = edge.get(SITE + "/missing-chunk.js", "Accept", "*/*");

        assertThat(route.statusCode()).isEqualTo(200);
        assertThat(route.body()).isEqualTo("home");
        assertThat(chunk.statusCode()).isEqualTo(404);
        assertThat(chunk.body()).isEqualTo("custom not found");
    }

    @Test
    void givenTheDeploymentHas404Html_whenNothingMatches_thenItIsSentWith404() {
        serve(RoutingRules.none());

        HttpResponse<String> response = edge.get(SITE + "/nope", "If-None-Match", "*", "Range", "bytes=0-1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("custom not found");
        assertThat(response.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    }

    @Test
    void givenNo404Html_whenNothingMatches_thenTheBuiltInPageNamesNothingInternal() {
        Site bare = edge.site("dpl_bare", "prj_bare").file("index.html", HTML, "home").build();
        edge.publish(Map.of("bare.edge.test", "prj_bare"), Map.of("prj_bare", "dpl_bare"), bare);

        HttpResponse<String> response = edge.get("http://bare.edge.test/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("This page could not be found").doesNotContain("dpl_", "prj_", "/nope");
        assertThat(response.headers().firstValue("x-tasman-deployment")).contains("dpl_bare");
    }

    @Test
    void givenAMethodOtherThanGetOrHead_whenSent_then405NamingTheAllowedMethods() {
        serve(RoutingRules.none());

        HttpResponse<String> response = edge.send("POST", SITE + "/");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(response.body()).contains("only answers GET and HEAD");
    }

    @Test
    void givenADotDotSegmentBackslashOrNul_whenRequested_then400() {
        serve(RoutingRules.none());

        for (String path : List.of("/docs/%2E%2E/index.html", "/..%2Findex.html", "/docs%5Cindex.html", "/a%00")) {
            HttpResponse<String> response = edge.get(SITE + path);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).contains("This address is not valid");
        }
    }
}
