package dev.tasman.control.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.api.manifest.RoutingRules.Header;
import dev.tasman.api.manifest.RoutingRules.HeaderRule;
import dev.tasman.api.manifest.RoutingRules.Redirect;
import dev.tasman.api.manifest.RoutingRules.Rewrite;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.control.shared.Refused;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TasmanJsonTest {

    @TempDir
    Path source;

    @Test
    void aFullFileIsReadIntoSettingsAndRoutingRules() throws IOException {
        write("""
                {
                  "$schema": "https://tasman.dev/schema/tasman.json",
                  "installCommand": "npm ci",
                  "buildCommand": "npm run build",
                  "outputDirectory": "dist",
                  "server": "dist/server/entry.mjs",
                  "headers": [
                    { "source": "/assets/:file*",
                      "headers": [ { "key": "Cache-Control", "value": "public, max-age=31536000, immutable" } ] }
                  ],
                  "redirects": [
                    { "source": "/old/:slug", "destination": "/new/:slug" },
                    { "source": "/tmp", "destination": "https://example.com/tmp", "permanent": false },
                    { "source": "/moved", "destination": "/here", "statusCode": 302 },
                    { "source": "/gone", "destination": "/there", "statusCode": 308 }
                  ],
                  "rewrites": [ { "source": "/api/:rest*", "destination": "/functions/:rest*" } ],
                  "cleanUrls": true,
                  "trailingSlash": false,
                  "spaFallback": true
                }
                """);

        TasmanConfig config = TasmanJson.read(source);

        assertThat(config.installCommand()).isEqualTo("npm ci");
        assertThat(config.buildCommand()).isEqualTo("npm run build");
        assertThat(config.outputDirectory()).isEqualTo("dist");
        assertThat(config.server()).isEqualTo("dist/server/entry.mjs");
        assertThat(config.routing()).isEqualTo(new RoutingRules(
                List.of(new HeaderRule("/assets/:file*",
                        List.of(new Header("Cache-Control", "public, max-age=31536000, immutable")))),
                List.of(new Redirect("/old/:slug", "/new/:slug", true),
                        new Redirect("/tmp", "https://example.com/tmp", false),
                        new Redirect("/moved", "/here", false),
                        new Redirect("/gone", "/there", true)),
                List.of(new Rewrite("/api/:rest*", "/functions/:rest*")),
                true, false, "index.html"));
    }

    @Test
    void noFileMeansNothingSet() {
        assertThat(TasmanJson.read(source)).isEqualTo(TasmanConfig.none());
        assertThat(TasmanConfig.none().routing()).isEqualTo(RoutingRules.none());
    }

    @Test
    void anEmptyObjectSetsNothingAndAPathFallbackIsKept() throws IOException {
        write("{}");
        assertThat(TasmanJson.read(source)).isEqualTo(TasmanConfig.none());

        write("{\"spaFallback\": \"app/shell.html\", \"trailingSlash\": null}");
        assertThat(TasmanJson.read(source).routing().spaFallback()).isEqualTo("app/shell.html");
        assertThat(TasmanJson.read(source).routing().trailingSlash()).isNull();

        write("{\"spaFallback\": false}");
        assertThat(TasmanJson.read(source).routing().spaFallback()).isNull();
    }

    @Test
    void theFileOverridesTheProjectFieldByFieldThenDefaultsApply() {
        TasmanConfig file = new TasmanConfig(null, "vite build", "dist", null, RoutingRules.none());

        assertThat(file.over(new BuildSettings("npm ci", "make", "out", "server.js")))
                .isEqualTo(new BuildSettings("npm ci", "vite build", "dist", "server.js"));
        assertThat(TasmanConfig.none().over(BuildSettings.defaults()))
                .isEqualTo(new BuildSettings(null, null, ".", null));
        assertThat(TasmanConfig.none().over(null)).isEqualTo(new BuildSettings(null, null, ".", null));
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("{\"outputDir\": \"dist\"}", "unknown field 'outputDir'; expected only: $schema, "
                        + "buildCommand, cleanUrls"),
                Arguments.of("{\"buildCommand\": [\"npm\", \"run\"]}", "'buildCommand' must be a string"),
                Arguments.of("{\"installCommand\": 1}", "'installCommand' must be a string"),
                Arguments.of("{\"outputDirectory\": \"../dist\"}", "'outputDirectory' must be a relative path inside "
                        + "the source without '..', got '../dist'"),
                Arguments.of("{\"outputDirectory\": \"/var/www\"}", "'outputDirectory' must be a relative path"),
                Arguments.of("{\"server\": \"dist/../../server.js\"}", "'server' must be a relative path"),
                Arguments.of("{\"cleanUrls\": \"yes\"}", "'cleanUrls' must be true or false"),
                Arguments.of("{\"trailingSlash\": 1}", "'trailingSlash' must be true or false"),
                Arguments.of("{\"spaFallback\": 3}", "'spaFallback' must be the path of a file"),
                Arguments.of("{\"spaFallback\": \"../index.html\"}", "'spaFallback' must be a relative path"),
                Arguments.of("{\"redirects\": {}}", "'redirects' must be a list"),
                Arguments.of("{\"redirects\": [\"/a\"]}", "'redirects[0]' must be an object"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\"}]}", "'redirects[0].destination' is required"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\"}, {\"destination\": \"/b\"}]}",
                        "'redirects[1].source' is required"),
                Arguments.of("{\"redirects\": [{\"source\": \"a\", \"destination\": \"/b\"}]}",
                        "'redirects[0].source' must be a path pattern starting with '/'"),
                Arguments.of("{\"redirects\": [{\"source\": \"/(.*)\", \"destination\": \"/b\"}]}",
                        "'redirects[0].source' must be a path pattern starting with '/' such as /blog/:slug or "
                                + "/docs/:rest* (wildcards and regular expressions are not supported)"),
                Arguments.of("{\"redirects\": [{\"source\": \"/:a*/b\", \"destination\": \"/b\"}]}",
                        "'redirects[0].source' has the parameter ':a*'"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"b\"}]}",
                        "'redirects[0].destination' must be a path starting with '/' or an http(s) URL"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\\r\\nSet-Cookie: x\"}]}",
                        "'redirects[0].destination' must be a path starting with '/' or an http(s) URL, without "
                                + "spaces or control characters"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a/:id\", \"destination\": \"/b/:slug\"}]}",
                        "'redirects[0].destination' uses ':slug', which its 'source' does not define"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"permanent\": \"yes\"}]}",
                        "'redirects[0].permanent' must be true or false"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"statusCode\": 303}]}",
                        "'redirects[0].statusCode' must be 301, 302, 307 or 308"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"statusCode\": 301, "
                        + "\"permanent\": true}]}", "'redirects[0]' gives both 'permanent' and 'statusCode'"),
                Arguments.of("{\"redirects\": [{\"source\": \"/a\", \"destination\": \"/b\", \"has\": []}]}",
                        "unknown field 'redirects[0].has'; expected only: destination, permanent, source, statusCode"),
                Arguments.of("{\"rewrites\": [{\"source\": \"/a\"}]}", "'rewrites[0].destination' is required"),
                Arguments.of("{\"rewrites\": [{\"destination\": \"/a\"}]}", "'rewrites[0].source' is required"),
                Arguments.of("{\"rewrites\": [{\"source\": \"/a\", \"destination\": \"https://other.example\"}]}",
                        "'rewrites[0].destination' must be a path of this deployment starting with '/'"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\"}]}", "'headers[0].headers' is required"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\", \"headers\": []}]}", "'headers[0].headers' is required"),
                Arguments.of("{\"headers\": [{\"headers\": [{\"key\": \"X\", \"value\": \"y\"}]}]}",
                        "'headers[0].source' is required"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\", \"headers\": [{\"key\": \"Bad Name\", \"value\": \"y\"}]}]}",
                        "'headers[0].headers[0].key' must be a header name"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\", \"headers\": [{\"key\": \"X-A\", \"value\": \"a\\r\\nb\"}]}]}",
                        "'headers[0].headers[0].value' must be one line"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\", \"headers\": [{\"key\": \"X-A\"}]}]}",
                        "'headers[0].headers[0].value' is required"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\", \"headers\": [{\"key\": \"X-A\", \"value\": 1}]}]}",
                        "'headers[0].headers[0].value' must be a string"),
                Arguments.of("{\"headers\": [{\"source\": \"/a\", \"headers\": [{\"name\": \"X-A\", \"value\": \"1\"}]}]}",
                        "unknown field 'headers[0].headers[0].name'; expected only: key, value"),
                Arguments.of("{\"cleanUrls\": true,}", "the file is not valid JSON at line 1"),
                Arguments.of("{\"cleanUrls\": true, \"cleanUrls\": false}", "Duplicate field 'cleanUrls'"),
                Arguments.of("{} {}", "not valid JSON"),
                Arguments.of("[]", "the file must hold a JSON object"),
                Arguments.of("", "the file must hold a JSON object"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidFiles")
    void anInvalidFileIsRefusedNamingTheField(String json, String expected) throws IOException {
        write(json);

        assertThatThrownBy(() -> TasmanJson.read(source)).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.kind()).isEqualTo(Refused.Kind.INVALID);
            assertThat(refused.field()).isEqualTo("tasman.json");
            assertThat(refused.getMessage()).startsWith("tasman.json: ");
            assertThat(refused.getMessage()).contains(expected);
        });
    }

    @Test
    void aDirectoryNamedTasmanJsonIsRefused() throws IOException {
        Files.createDirectory(source.resolve("tasman.json"));

        assertThatThrownBy(() -> TasmanJson.read(source)).isInstanceOf(Refused.class)
                .hasMessage("tasman.json: it must be a file at the root of the source");
    }

    @Test
    void theExactSentenceForAMissingDestination() throws IOException {
        write("{\"redirects\": [{\"source\": \"/a\"}]}");

        assertThatThrownBy(() -> TasmanJson.read(source)).hasMessage(
                "tasman.json: 'redirects[0].destination' is required");
    }

    private void write(String json) throws IOException {
        Files.writeString(source.resolve("tasman.json"), json);
    }
}
