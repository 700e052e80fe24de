package dev.tasman.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.telemetry.RequestRecord;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.TelemetryReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a process (built by {@code mvn verify} before this runs): refusing bad settings,
 * printing help, and a whole edge shipping request telemetry across a {@code kill -9}.
 */
class EdgeMainIT {

    private static final String TOKEN = "edge-token-main-it";

    @TempDir
    Path data;

    @Test
    void givenABadSetting_whenStarted_thenOneLineOnStderrAndExitCode2() throws Exception {
        Result result = run("--port=http", "--token-file=/nonexistent/token");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).startsWith("tasman-edge: ").doesNotContain("\n").doesNotContain("Exception")
                .contains("--token-file");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void givenHelp_whenStarted_thenTheSettingsAndExitCode0() throws Exception {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("--control-plane", "TASMAN_EDGE_CONTROL_PLANE");
    }

    @Test
    void givenABacklogOnDisk_whenTheEdgeIsKilledAndStartedAgain_thenTheBacklogIsShipped() throws Exception {
        try (TelemetryReceiver receiver = new TelemetryReceiver()) {
            receiver.answer(503);
            Path stderr = data.resolve("first.log");
            Process first = serving(receiver, stderr);
            try {
                URI edge = ready(first);
                for (int i = 0; i < 20; i++) {
                    assertThat(get(edge, "http://nobody.localhost/before-crash-" + i)).isEqualTo(404);
                }
                Eventually.until("20 records on disk", Duration.ofSeconds(20), () -> recordsOnDisk() == 20);
            } finally {
                first.destroyForcibly().waitFor(); // kill -9: no shutdown hook runs
            }

            receiver.answer(202);
            Process second = serving(receiver, data.resolve("second.log"));
            try {
                ready(second);
                Eventually.until("the backlog arrived", Duration.ofSeconds(20), () -> receiver.records().size() >= 20);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }

            assertThat(receiver.records()).hasSize(20).extracting(RequestRecord::path).allMatch(path -> path
                    .startsWith("/before-crash-"));
            assertThat(receiver.records()).extracting(RequestRecord::id).doesNotHaveDuplicates();
            assertThat(receiver.records()).allSatisfy(record -> {
                assertThat(record.status()).isEqualTo(404);
                assertThat(record.host()).isEqualTo("nobody.localhost");
                assertThat(record.project()).isNull();
            });
            assertThat(receiver.authorizations).containsOnly("Bearer " + TOKEN);
            assertThat(Files.readString(stderr)).contains("Telemetry on").doesNotContain(TOKEN);
        }
    }

    private Process serving(TelemetryReceiver receiver, Path stderr) throws IOException {
        ProcessBuilder builder = edge("--public-key=" + publicKey(), "--port=0", "--data=" + data,
                "--control-plane=http://127.0.0.1:1", "--telemetry-url=" + receiver.url(), "--telemetry-interval=1");
        builder.environment().put("TASMAN_EDGE_TOKEN", TOKEN);
        return builder.redirectError(stderr.toFile()).start();
    }

    /** The edge's URL from its {@code EDGE READY <id> <url>} line. */
    private static URI ready(Process process) throws IOException {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = stdout.readLine();
        assertThat(line).as("the edge's first line on stdout").startsWith("EDGE READY ");
        return URI.create(line.split(" ")[3]);
    }

    /** A GET for {@code url} sent to the edge as its proxy, so it arrives with that URL's Host. */
    private static int get(URI edge, String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress(edge.getHost(),
                edge.getPort()))).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }

    /** Records in the telemetry segments, as their names count them. */
    private long recordsOnDisk() {
        try (Stream<Path> files = Files.list(data.resolve("telemetry"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".batch"))
                    .mapToLong(name -> Long.parseLong(name.split("-")[1])).sum();
        } catch (IOException notYet) {
            return 0;
        }
    }

    private static String publicKey() {
        try {
            return Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                    .getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder edge(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("TASMAN_EDGE_"));
        return builder;
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        Process process = edge(args).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the edge did not exit within 30 s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/*-exec.jar: run mvn verify, which builds it"));
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
