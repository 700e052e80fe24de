package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real builds: sources uploaded as .tar.gz or cloned from a real git repository, commands run in the
 * bubblewrap sandbox as real child processes, output packaged into origin with a signed manifest.
 */
class BuildIT extends RunningControlPlane {

    private static final Duration BUILD_WAIT = Duration.ofSeconds(90);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    String project;
    String edgeToken;

    @BeforeEach
    void projectAndEdge() {
        project = unique("built");
        createProject(project, adminToken());
        String edge = "b" + Long.toString(System.nanoTime(), 36);
        edgeToken = api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", edge, "region", "test", "url", "http://127.0.0.1:9"))).json().get("token").asText();
    }

    @Test
    void staticSiteUploadedAsTarGzIsBuiltIntoOriginWithAManifestSignedByThePublishedKey() throws Exception {
        String id = deployArchive(Path.of("../examples/static-site"));

        JsonNode deployment = awaitBuildEnd(id);

        assertThat(deployment.get("state").asText()).as(deployment.toString()).isEqualTo("BUILT");
        HttpResponse<byte[]> manifest = edgeGet("/v1/origin/manifests/" + id);
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(verifies(manifest.body(), manifest.headers().firstValue("X-Tasman-Signature").orElseThrow()))
                .as("the manifest's Ed25519 signature verifies with the key at /v1/keys").isTrue();
        assertThat("sha256:" + sha256(manifest.body())).isEqualTo(deployment.get("manifestDigest").asText());
        JsonNode files = json.readTree(manifest.body()).get("files");
        assertThat(files.findValuesAsText("path")).contains("index.html", "about.html", "assets/site.3f2a9c.css")
                .doesNotContain("tasman.json");
        assertThat(json.readTree(manifest.body()).get("routing").get("cleanUrls").asBoolean()).isTrue();
        for (JsonNode file : files) {
            assertThat(edgeGet("/v1/origin/blobs/" + file.get("sha256").asText()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void gitSourceIsBuiltFromTheExactCommitItResolvedTo() throws Exception {
        Path repo = temp.resolve("repo");
        RevCommit first;
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            SourceTrees.write(repo, Map.of("site/index.html", "<h1>first</h1>", "tasman.json",
                    "{\"outputDirectory\":\"site\"}"));
            git.add().addFilepattern(".").call();
            first = git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
            SourceTrees.write(repo, Map.of("site/index.html", "<h1>second</h1>"));
            git.add().addFilepattern(".").call();
            git.commit().setMessage("second").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }

        Api.Response created = api().post("/v1/projects/" + project + "/deployments", adminToken(),
                Api.json(Map.of("git", repo.toUri().toString(), "ref", first.getName())));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        JsonNode deployment = awaitBuildEnd(created.json().get("id").asText());

        assertThat(deployment.get("state").asText()).as(deployment.toString()).isEqualTo("BUILT");
        assertThat(deployment.get("source").get("commit").asText()).isEqualTo(first.getName());
        assertThat(fileContent(deployment.get("id").asText(), "index.html")).isEqualTo("<h1>first</h1>");
    }

    @Test
    void failingBuildCommandEndsFailedWithItsExitCodeAndLastLines() throws Exception {
        String id = deployArchive(SourceTrees.write(temp.resolve("fails"), Map.of("tasman.json",
                "{\"buildCommand\":\"echo compiling; echo something broke >&2; exit 3\"}")));

        JsonNode deployment = awaitBuildEnd(id);

        assertThat(deployment.get("state").asText()).isEqualTo("FAILED");
        assertThat(deployment.get("failureReason").asText())
                .isEqualTo("buildCommand 'echo compiling; echo something broke >&2; exit 3' exited with code 3.");
        JsonNode failed = json.readTree(jdbc.queryForObject("select payload from domainevententry where "
                + "aggregateidentifier = ? and payloadtype like '%BuildFailed'", String.class, id));
        assertThat(failed.get("exitCode").asInt()).isEqualTo(3);
        assertThat(failed.get("lastLogLines").toString()).contains("something broke");
        assertThat(edgeGet("/v1/origin/manifests/" + id).statusCode()).as("nothing reaches origin as a deployment")
                .isEqualTo(404);
    }

    @Test
    void aSourceRootOutputDoesNotPublishEnvFilesConfigOrDependencies() throws Exception {
        String id = deployArchive(SourceTrees.write(temp.resolve("root"), Map.of("index.html", "<h1>hi</h1>",
                ".env", "DATABASE_PASSWORD=hunter2", ".env.production", "X=1", "tasman.json", "{}",
                "node_modules/lib/index.js", "x", ".well-known/security.txt", "Contact: mailto:security@example.com")));

        JsonNode deployment = awaitBuildEnd(id);

        assertThat(deployment.get("state").asText()).isEqualTo("BUILT");
        JsonNode manifest = json.readTree(edgeGet("/v1/origin/manifests/" + id).body());
        assertThat(manifest.get("files").findValuesAsText("path"))
                .containsExactlyInAnyOrder("index.html", ".well-known/security.txt");
    }

    @Test
    void missingOutputDirectoryEndsFailedNamingIt() throws Exception {
        String id = deployArchive(SourceTrees.write(temp.resolve("nodist"), Map.of("tasman.json",
                "{\"buildCommand\":\"echo built nothing\",\"outputDirectory\":\"dist\"}")));

        JsonNode deployment = awaitBuildEnd(id);

        assertThat(deployment.get("state").asText()).isEqualTo("FAILED");
        assertThat(deployment.get("failureReason").asText()).contains("output directory 'dist' does not exist");
    }

    @Test
    void buildSeesOnlyItsVariablesAndCiAndCannotReadTheControlPlanesDataDirectory() throws Exception {
        api().put("/v1/projects/" + project + "/env/GREETING", adminToken(), Api.json(Map.of("value", "kia ora")));
        String token = adminToken();
        String probe = "mkdir -p out"
                + " && printf '%s|%s' \"$GREETING\" \"$CI\" > out/env.txt"
                + " && env | cut -d= -f1 | sort > out/names.txt"
                + " && (cat " + DATA.resolve("admin-token") + " 2>&1 || true) > out/token.txt"
                + " && (ls " + DATA + " 2>&1 || true) > out/data.txt"
                + " && id -u > out/uid.txt";
        String id = deployArchive(SourceTrees.write(temp.resolve("probe"), Map.of("tasman.json",
                Api.json(Map.of("buildCommand", probe, "outputDirectory", "out")))));

        JsonNode deployment = awaitBuildEnd(id);

        assertThat(deployment.get("state").asText()).as(deployment.toString()).isEqualTo("BUILT");
        assertThat(fileContent(id, "env.txt")).isEqualTo("kia ora|1");
        assertThat(fileContent(id, "names.txt")).doesNotContain("TASMAN_DB", "JAVA_HOME", "TASMAN_DATA", "MAVEN");
        assertThat(fileContent(id, "token.txt")).doesNotContain(token).contains("No such file");
        assertThat(fileContent(id, "data.txt")).contains("No such file");
        assertThat(fileContent(id, "uid.txt").trim()).isEqualTo("65534");
        assertThat(api().get("/v1/deployments/" + id + "/logs?follow=false", adminToken()).body()).doesNotContain(token);
    }

    @Test
    void logStreamsLiveAsServerSentEventsAndEndsWithTheFinalState() throws Exception {
        String id = deployArchive(SourceTrees.write(temp.resolve("chatty"), Map.of("index.html", "<h1>hi</h1>",
                "tasman.json", Api.json(Map.of("buildCommand", "for i in 1 2 3; do echo line-$i; sleep 0.4; done")))));

        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base()
                + "/v1/deployments/" + id + "/logs")).header("Authorization", "Bearer " + adminToken())
                .timeout(BUILD_WAIT).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                events.add(line);
                if (line.startsWith("event:end")) {
                    events.add(reader.readLine());
                    break;
                }
            }
        }

        String all = String.join("\n", events);
        assertThat(all).contains("line-1", "line-2", "line-3").contains("event:log").contains("\"state\":\"BUILT\"");
        assertThat(all.indexOf("line-1")).isLessThan(all.indexOf("line-3"));
        assertThat(api().get("/v1/deployments/" + id + "/logs?follow=false", adminToken()).body())
                .contains("stdout line-2");
    }

    @Test
    void cancellingARunningBuildKillsItsWholeProcessTree() throws Exception {
        String marker = "31.4159";
        String id = deployArchive(SourceTrees.write(temp.resolve("slow"), Map.of("tasman.json",
                Api.json(Map.of("buildCommand", "echo started; sleep " + marker)))));
        awaitLog(id, "started");

        assertThat(api().post("/v1/deployments/" + id + "/cancel", adminToken(), null).status()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sleeping(marker) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sleeping(marker)).as("the build's processes are gone").isFalse();
        assertThat(api().get("/v1/deployments/" + id, adminToken()).json().get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void secondDeployOfAChangedSiteUploadsOnlyTheChangedFile() throws Exception {
        Path site = SourceTrees.write(temp.resolve("site"), Map.of("index.html", "<h1>one</h1>", "a.css", "a{}",
                "b.js", "let b = 1;"));
        awaitBuildEnd(deployArchive(site));
        long blobsBefore = countBlobs();
        Files.writeString(site.resolve("index.html"), "<h1>two</h1>");

        JsonNode second = awaitBuildEnd(deployArchive(site));

        assertThat(second.get("state").asText()).isEqualTo("BUILT");
        assertThat(countBlobs() - blobsBefore).isEqualTo(1);
        assertThat(api().get("/v1/deployments/" + second.get("id").asText() + "/logs?follow=false", adminToken()).body())
                .contains("1 uploaded, 2 already in origin");
    }

    @Test
    void bundledAppRunsNpmCiAndARealBundlerInTheSandbox() throws Exception {
        String id = deployArchive(Path.of("../examples/bundled-app"));

        JsonNode deployment = awaitBuildEnd(id, Duration.ofMinutes(4));

        assertThat(deployment.get("state").asText())
                .as(() -> api().get("/v1/deployments/" + id + "/logs?follow=false", adminToken()).body())
                .isEqualTo("BUILT");
        JsonNode manifest = json.readTree(edgeGet("/v1/origin/manifests/" + id).body());
        assertThat(manifest.get("files").findValuesAsText("path")).contains("index.html")
                .anyMatch(p -> p.startsWith("assets/app-") && p.endsWith(".js"));
        assertThat(manifest.get("routing").get("spaFallback").asText()).isEqualTo("index.html");
    }

    @Test
    void sourcesOfSeveralMegabytesAreAcceptedAndOversizedJsonIsRefusedWithAProblem() throws Exception {
        Path big = Files.createDirectories(temp.resolve("big"));
        byte[] noise = new byte[4_000_000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(big.resolve("video.bin"), noise);

        JsonNode deployment = awaitBuildEnd(deployArchive(big));

        assertThat(deployment.get("state").asText()).isEqualTo("BUILT");
        Api.Response tooBig = api().post("/v1/projects", adminToken(), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("detail").asText()).contains("at most 1 MB");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String deployArchive(Path root) throws Exception {
        return Builds.deployArchive(api(), adminToken(), project, root);
    }

    private JsonNode awaitBuildEnd(String id) throws InterruptedException {
        return awaitBuildEnd(id, BUILD_WAIT);
    }

    private JsonNode awaitBuildEnd(String id, Duration wait) throws InterruptedException {
        return Builds.awaitEnd(api(), adminToken(), id, wait);
    }

    private void awaitLog(String id, String text) throws InterruptedException {
        long deadline = System.nanoTime() + BUILD_WAIT.toNanos();
        while (!api().get("/v1/deployments/" + id + "/logs?follow=false", adminToken()).body().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in the log of " + id);
            }
            Thread.sleep(200);
        }
    }

    private String fileContent(String deploymentId, String path) throws Exception {
        JsonNode manifest = json.readTree(edgeGet("/v1/origin/manifests/" + deploymentId).body());
        for (JsonNode file : manifest.get("files")) {
            if (file.get("path").asText().equals(path)) {
                return new String(edgeGet("/v1/origin/blobs/" + file.get("sha256").asText()).body(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(path + " is not in the manifest of " + deploymentId);
    }

    private HttpResponse<byte[]> edgeGet(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + edgeToken)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private boolean verifies(byte[] manifest, String signature) throws Exception {
        JsonNode key = api().get("/v1/keys", null).json().get("keys").get(0);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asText()))));
        verifier.update(manifest);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long countBlobs() throws Exception {
        try (var files = Files.walk(DATA.resolve("origin/blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static boolean sleeping(String marker) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains("sleep " + marker))
                .orElse(false));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
