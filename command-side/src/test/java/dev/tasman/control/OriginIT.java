package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.control.packaging.Manifests;
import dev.tasman.control.packaging.Packager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** An edge's view of origin: a packaged deployment fetched over HTTP and checked with nothing but the JDK. */
class OriginIT extends RunningControlPlane {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    Packager packager;

    @TempDir
    Path output;

    private String edgeToken;
    private String deploymentId;
    private Packager.Packaged packaged;
    private byte[] image;

    @BeforeEach
    void packADeploymentAndRegisterAnEdge() throws IOException {
        Files.writeString(output.resolve("index.html"), "<!doctype html><h1>Hello from origin</h1>\n".repeat(100));
        image = new byte[10_000];
        new Random(42).nextBytes(image);
        Files.createDirectories(output.resolve("assets"));
        Files.write(output.resolve("assets/photo.jpg"), image);
        deploymentId = "dpl_" + Long.toHexString(System.nanoTime());
        packaged = packager.pack(deploymentId, "prj_origin", output,
                new RoutingRules(List.of(), List.of(), List.of(), true, null, null), null, 0);

        String edge = unique("origin");
        Api.Response registered = api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", edge, "region", "test", "url", "http://127.0.0.1:9")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        edgeToken = registered.json().get("token").asText();
    }

    @Test
    void manifestIsTheSignedCanonicalBytesAndVerifiesWithThePublishedKey() throws Exception {
        HttpResponse<byte[]> response = get("/v1/origin/manifests/" + deploymentId, edgeToken, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        byte[] body = response.body();
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(response.headers().firstValue("X-Tasman-Manifest-Digest")).hasValue(digest);
        assertThat(digest).isEqualTo(packaged.manifestDigest());

        HttpResponse<byte[]> keys = get("/v1/keys", null, Map.of()); // public: no token
        assertThat(keys.statusCode()).isEqualTo(200);
        JsonNode key = JSON.readTree(keys.body()).get("keys").get(0);
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(response.headers().firstValue("X-Tasman-Key-Id")).hasValue(key.get("id").asText());
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKey").asText()))));
        verifier.update(body);
        assertThat(verifier.verify(Base64.getDecoder().decode(
                response.headers().firstValue("X-Tasman-Signature").orElseThrow()))).isTrue();

        Manifest manifest = Manifests.parse(body);
        assertThat(manifest.deploymentId()).isEqualTo(deploymentId);
        assertThat(manifest.routing().cleanUrls()).isTrue();
        assertThat(manifest.files()).extracting(ManifestFile::path).containsExactly("assets/photo.jpg", "index.html");
        assertThat(Manifests.canonicalJson(manifest)).isEqualTo(body);
    }

    @Test
    void everyBlobTheManifestNamesIsServedWholeAndVerifies() throws Exception {
        Manifest manifest = Manifests.parse(get("/v1/origin/manifests/" + deploymentId, edgeToken, Map.of()).body());

        for (ManifestFile file : manifest.files()) {
            for (String sha : Arrays.asList(file.sha256(), file.gzip(), file.brotli())) {
                if (sha == null) {
                    continue;
                }
                HttpResponse<byte[]> blob = get("/v1/origin/blobs/" + sha, edgeToken, Map.of());
                assertThat(blob.statusCode()).isEqualTo(200);
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob.body())))
                        .isEqualTo(sha);
                assertThat(blob.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
                assertThat(blob.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
                assertThat(blob.headers().firstValue("Accept-Ranges")).hasValue("bytes");
                assertThat(blob.headers().firstValueAsLong("Content-Length")).hasValue(blob.body().length);
            }
        }
        assertThat(manifest.files().get(1).gzip()).as("index.html compresses").isNotNull();
    }

    @Test
    void blobsAnswerRangesAndHead() throws Exception {
        String sha = sha256(image);
        String path = "/v1/origin/blobs/" + sha;

        HttpResponse<byte[]> middle = get(path, edgeToken, Map.of("Range", "bytes=100-199"));
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100-199/10000");
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(100);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(image, 100, 200));

        HttpResponse<byte[]> rest = get(path, edgeToken, Map.of("Range", "bytes=9990-"));
        assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes 9990-9999/10000");
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(image, 9990, 10_000));

        HttpResponse<byte[]> tail = get(path, edgeToken, Map.of("Range", "bytes=-5"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(image, 9995, 10_000));

        HttpResponse<byte[]> beyondEnd = get(path, edgeToken, Map.of("Range", "bytes=9000-20000"));
        assertThat(beyondEnd.headers().firstValue("Content-Range")).hasValue("bytes 9000-9999/10000");

        HttpResponse<byte[]> head = send("HEAD", path, edgeToken, Map.of());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(10_000);
        assertThat(head.headers().firstValue("ETag")).hasValue("\"" + sha + "\"");
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> headRange = send("HEAD", path, edgeToken, Map.of("Range", "bytes=0-9"));
        assertThat(headRange.statusCode()).isEqualTo(206);
        assertThat(headRange.headers().firstValueAsLong("Content-Length")).hasValue(10);

        HttpResponse<byte[]> staleCopy = get(path, edgeToken, Map.of("Range", "bytes=0-9", "If-Range", "\"other\""));
        assertThat(staleCopy.statusCode()).as("If-Range of another blob: send it all").isEqualTo(200);
        assertThat(staleCopy.body()).isEqualTo(image);

        HttpResponse<byte[]> cached = get(path, edgeToken, Map.of("If-None-Match", "\"" + sha + "\""));
        assertThat(cached.statusCode()).isEqualTo(304);
    }

    @Test
    void badRequestsGetProblems() throws Exception {
        String sha = sha256(image);

        HttpResponse<byte[]> unsatisfiable = get("/v1/origin/blobs/" + sha, edgeToken, Map.of("Range", "bytes=10000-"));
        assertThat(unsatisfiable.statusCode()).isEqualTo(416);
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */10000");
        assertThat(unsatisfiable.headers().firstValue("Cache-Control").orElse(""))
                .doesNotContain("immutable");
        assertProblem(unsatisfiable, 416, "10000 bytes long");

        assertProblem(get("/v1/origin/blobs/not-a-hash", edgeToken, Map.of()), 400, "64 lowercase hex digits");
        assertProblem(get("/v1/origin/blobs/" + sha.toUpperCase(), edgeToken, Map.of()), 400, "64 lowercase hex");
        assertProblem(get("/v1/origin/blobs/" + "0".repeat(64), edgeToken, Map.of()), 404, "holds no blob");
        assertProblem(get("/v1/origin/manifests/dpl_neverbuilt", edgeToken, Map.of()), 404, "no manifest");
        assertProblem(get("/v1/origin/manifests/bad.name", edgeToken, Map.of()), 400, "deployment id");
    }

    @Test
    void onlyEdgesReachOrigin() throws Exception {
        String user = userToken(unique("reader"));

        assertProblem(get("/v1/origin/manifests/" + deploymentId, user, Map.of()), 403, "Only edge tokens");
        assertProblem(get("/v1/origin/blobs/" + sha256(image), user, Map.of()), 403, "Only edge tokens");
        assertProblem(get("/v1/origin/blobs/" + sha256(image), adminToken(), Map.of()), 403, "Only edge tokens");
        assertProblem(get("/v1/origin/manifests/" + deploymentId, null, Map.of()), 401, "needs a token");
    }

    @Test
    void originEndpointsAreDescribedInTheApiDescription() {
        JsonNode paths = api().get("/v3/api-docs", null).json().get("paths");

        assertThat(paths.has("/v1/origin/manifests/{deploymentId}")).isTrue();
        assertThat(paths.get("/v1/origin/blobs/{sha256}").has("head")).isTrue();
        assertThat(paths.has("/v1/keys")).isTrue();
    }

    private void assertProblem(HttpResponse<byte[]> response, int status, String detail) throws IOException {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    private HttpResponse<byte[]> get(String path, String token, Map<String, String> headers) throws Exception {
        return send("GET", path, token, headers);
    }

    private HttpResponse<byte[]> send(String method, String path, String token, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
