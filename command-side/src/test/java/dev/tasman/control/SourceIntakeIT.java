package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.control.source.TestArchive;
import dev.tasman.control.source.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Source intake over HTTP, against the real control plane: an uploaded .tar.gz or a git repository
 * becomes a queued deployment pinned to exact content; every bad source is a 400 (415 for a body of
 * another kind) with a sentence saying what was wrong, and leaves no deployment behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceIntakeIT extends RunningControlPlane {

    private static final byte[] SITE = TestArchive.create()
            .file("index.html", "<h1>hello</h1>")
            .file("assets/app.js", "console.log('hi')")
            .symlink("home.html", "index.html")
            .file("tasman.json", "{\"outputDirectory\": \".\", \"cleanUrls\": true,"
                    + " \"redirects\": [{\"source\": \"/old\", \"destination\": \"/\"}]}")
            .bytes();

    private TestRepository repository;
    private String main;
    private String tagged;

    @BeforeAll
    void repository() throws IOException {
        repository = TestRepository.create(Files.createTempDirectory("tasman-intake-repo-"));
        tagged = repository.commit("first", Map.of("index.html", "<h1>v1</h1>"));
        repository.tag("v1", tagged, true);
        main = repository.commit("second", Map.of("index.html", "<h1>v2</h1>"));
    }

    @AfterAll
    void close() {
        repository.close();
    }

    @Test
    void anUploadedArchiveIsStoredByHashAndQueued() throws IOException {
        String project = project();

        Api.Response created = upload(project, "", SITE, "application/gzip");

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/deployments/" + id);
        JsonNode shown = api().get("/v1/deployments/" + id, adminToken()).json();
        assertThat(shown.get("state").asText()).isEqualTo("QUEUED");
        assertThat(shown.get("target").asText()).isEqualTo("PRODUCTION");
        assertThat(shown.at("/source/kind").asText()).isEqualTo("archive");
        assertThat(shown.at("/source/location").asText()).isEqualTo(sha256(SITE));
        assertThat(shown.at("/source/ref").isMissingNode()).isTrue();
        Path stored = DATA.resolve("sources").resolve(sha256(SITE) + ".tar.gz");
        assertThat(stored).hasBinaryContent(SITE);
        try (var left = Files.list(DATA.resolve("sources"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no upload or scratch files are left behind").allMatch(n -> n.matches("[0-9a-f]{64}\\.tar\\.gz"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-gzip", "application/x-tar+gzip", "application/octet-stream"})
    void everyArchiveContentTypeIsAcceptedAndTheTargetIsAQueryParameter(String contentType) {
        String project = project();

        Api.Response created = upload(project, "?target=preview", SITE, contentType);

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(created.json().get("target").asText()).isEqualTo("PREVIEW");
    }

    @Test
    void aGitSourceIsPinnedToTheExactCommitItsRefNamesNow() {
        String project = project();

        Api.Response branch = deployGit(project, Map.of("git", repository.url(), "ref", "main"));
        Api.Response tag = deployGit(project, Map.of("git", repository.url(), "ref", "v1", "target", "preview"));
        Api.Response head = deployGit(project, Map.of("git", repository.url()));
        Api.Response sha = deployGit(project, Map.of("git", repository.url(), "ref", tagged.substring(0, 9)));

        for (Api.Response created : new Api.Response[] {branch, tag, head, sha}) {
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
        }
        JsonNode shown = api().get("/v1/deployments/" + branch.json().get("id").asText(), adminToken()).json();
        assertThat(shown.at("/source/kind").asText()).isEqualTo("git");
        assertThat(shown.at("/source/location").asText()).isEqualTo(repository.url());
        assertThat(shown.at("/source/ref").asText()).isEqualTo("main");
        assertThat(shown.at("/source/commit").asText()).isEqualTo(main);
        assertThat(tag.json().at("/source/commit").asText()).isEqualTo(tagged);
        assertThat(tag.json().get("target").asText()).isEqualTo("PREVIEW");
        assertThat(head.json().at("/source/ref").asText()).isEqualTo("HEAD");
        assertThat(head.json().at("/source/commit").asText()).isEqualTo(main);
        assertThat(sha.json().at("/source/commit").asText()).isEqualTo(tagged);
    }

    @Test
    void anArchiveEscapingItsTreeIsRefusedAndNothingIsQueued() {
        byte[] escaping = TestArchive.create().file("index.html", "x").file("../../etc/cron.d/evil", "* * * * * x")
                .bytes();
        assertRefused(escaping, "source",
                "The source archive entry '../../etc/cron.d/evil' climbs out of the source tree with '..'");

        byte[] linking = TestArchive.create().symlink("data", "/var/lib/tasman").bytes();
        assertRefused(linking, "source", "The source archive entry 'data' is a symbolic link to the absolute path");
    }

    @Test
    void aCompressionBombIsRefused() {
        byte[] bomb = TestArchive.create().file("zeros.bin", new byte[50 << 20], 0644).bytes();

        assertRefused(bomb, "source", "expands more than 100 times its compressed size");
    }

    @Test
    void somethingThatIsNotATarGzIsRefused() {
        assertRefused("PK\u0003\u0004 a zip".getBytes(), "source",
                "The source is not a gzip-compressed tar archive (.tar.gz): it is a zip archive");
        assertRefused(new byte[0], "source", "The request body is empty");
    }

    @Test
    void anInvalidTasmanJsonIsRefusedNamingTheField() {
        byte[] archive = TestArchive.create().file("index.html", "x")
                .file("tasman.json", "{\"redirects\": [{\"source\": \"/old\"}]}").bytes();

        assertRefused(archive, "tasman.json", "tasman.json: 'redirects[0].destination' is required");

        byte[] typo = TestArchive.create().file("tasman.json", "{\"outputDir\": \"dist\"}").bytes();
        assertRefused(typo, "tasman.json", "tasman.json: unknown field 'outputDir'");
    }

    @Test
    void aMissingRefOrAnUnreachableRepositoryIsRefused() {
        String project = project();

        Api.Response missing = deployGit(project, Map.of("git", repository.url(), "ref", "no-such-branch"));
        assertProblem(missing, 400, "ref", "The repository " + repository.url()
                + " has no branch, tag or commit 'no-such-branch'.");

        Api.Response unreachable = deployGit(project, Map.of("git", "http://127.0.0.1:9/acme/site.git"));
        assertProblem(unreachable, 400, "git", "Could not reach the repository http://127.0.0.1:9/acme/site.git: "
                + "the connection was refused.");

        Api.Response gone = deployGit(project, Map.of("git", "file:///nonexistent/tasman/repo.git", "ref", "main"));
        assertProblem(gone, 400, "git", "Could not reach the repository file:///nonexistent/tasman/repo.git");

        assertNoDeployments(project);
    }

    @Test
    void aBodyOfAnotherKindIs415SayingWhatIsAccepted() {
        String project = project();

        Api.Response response = upload(project, "", "<html>".getBytes(), "text/html");

        assertProblem(response, 415, null, "Content-Type 'text/html' is not accepted here; send one of: ");
        assertThat(response.json().get("detail").asText()).contains("application/json", "application/gzip",
                "application/x-gzip", "application/x-tar+gzip", "application/octet-stream");
        assertNoDeployments(project);
    }

    @Test
    void aBadTargetIsRefusedAndAViewerCannotUpload() {
        String project = project();
        assertProblem(upload(project, "?target=staging", SITE, "application/gzip"), 400, "target",
                "'target' must be one of: production, preview");

        String viewer = unique("viewer");
        String viewerToken = userToken(viewer);
        api().put("/v1/projects/" + project + "/members/" + viewer, adminToken(), Api.json(Map.of("role", "viewer")));
        Api.Response denied = api().sendBytes("POST", "/v1/projects/" + project + "/deployments", viewerToken, SITE,
                "application/gzip");
        assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        assertNoDeployments(project);
    }

    @Test
    void theApiDescriptionOffersBothKindsOfBody() {
        JsonNode docs = api().get("/v3/api-docs", adminToken()).json();

        JsonNode content = docs.at("/paths/~1v1~1projects~1{project}~1deployments/post/requestBody/content");
        assertThat(content.has("application/json")).as(content.toString()).isTrue();
        assertThat(content.has("application/gzip")).as(content.toString()).isTrue();
    }

    private void assertRefused(byte[] archive, String field, String detail) {
        String project = project();

        Api.Response response = upload(project, "", archive, "application/gzip");

        assertProblem(response, 400, field, detail);
        assertNoDeployments(project);
    }

    private void assertNoDeployments(String project) {
        Api.Response list = api().get("/v1/projects/" + project + "/deployments", adminToken());
        assertThat(list.json().get("items")).as(list.toString()).isEmpty();
    }

    private static void assertProblem(Api.Response response, int status, String field, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(detail);
        if (field != null) {
            assertThat(response.json().get("field").asText()).isEqualTo(field);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private String project() {
        String name = unique("intake");
        createProject(name, adminToken());
        return name;
    }

    private Api.Response upload(String project, String query, byte[] body, String contentType) {
        return api().sendBytes("POST", "/v1/projects/" + project + "/deployments" + query, adminToken(), body,
                contentType);
    }

    private Api.Response deployGit(String project, Map<String, String> body) {
        return api().post("/v1/projects/" + project + "/deployments", adminToken(), Api.json(body));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
