package dev.tasman.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeSettingsTest {

    @TempDir
    Path directory;
    final PublicKey key = generate();
    final String keyBase64 = Base64.getEncoder().encodeToString(key.getEncoded());
    final Map<String, String> env = new HashMap<>(Map.of("TASMAN_EDGE_TOKEN", "secret-token",
            "TASMAN_EDGE_PUBLIC_KEY", keyBase64));

    @Test
    void givenOnlyTheTokenAndKey_whenParsed_thenLocalDefaults() throws Exception {
        EdgeSettings settings = EdgeSettings.parse(List.of(), env);

        assertThat(settings.id()).isEqualTo("local");
        assertThat(settings.region()).isEqualTo("local");
        assertThat(settings.controlPlane()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(settings.token()).isEqualTo("secret-token");
        assertThat(settings.publicKey()).isEqualTo(key);
        assertThat(settings.data()).isEqualTo(Path.of(".tasman-edge/local"));
        assertThat(settings.port()).isEqualTo(8081);
        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.domain()).isEqualTo("localhost");
        assertThat(settings.retain()).isEqualTo(5);
        assertThat(settings.blobFetches()).isEqualTo(8);
        assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.telemetryUrl()).isNull();
        assertThat(settings.telemetryBufferBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(settings.telemetryInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void givenTelemetrySettings_whenParsed_thenTheQuerySideAndTheBoundsAreTaken() throws Exception {
        env.put("TASMAN_EDGE_TELEMETRY_URL", "http://127.0.0.1:8090");

        EdgeSettings settings = EdgeSettings.parse(List.of("--telemetry-buffer-bytes=1048576",
                "--telemetry-interval=2"), env);

        assertThat(settings.telemetryUrl()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(settings.telemetryBufferBytes()).isEqualTo(1_048_576);
        assertThat(settings.telemetryInterval()).isEqualTo(Duration.ofSeconds(2));
        assertInvalid(List.of("--telemetry-url=query-side"), "--telemetry-url 'query-side' is not an http(s) base URL");
        assertInvalid(List.of("--telemetry-buffer-bytes=10"), "must be a number of bytes from 1048576");
        assertInvalid(List.of("--telemetry-interval=0"), "--telemetry-interval '0' must be a whole number from 1 to");
    }

    @Test
    void givenEnvironmentAndArguments_whenParsed_thenArgumentsWinOverTheEnvironment() throws Exception {
        env.putAll(Map.of("TASMAN_EDGE_ID", "mel", "TASMAN_EDGE_PORT", "9001", "TASMAN_EDGE_DOMAIN", "Edge.Example.COM",
                "TASMAN_EDGE_REGION", "melbourne"));

        EdgeSettings settings = EdgeSettings.parse(List.of("--id=syd", "--data=" + directory, "--retain=7",
                "--control-plane=https://cp.example.com/", "--bind=0.0.0.0", "--heartbeat-timeout=10"), env);

        assertThat(settings.id()).isEqualTo("syd");
        assertThat(settings.region()).isEqualTo("melbourne");
        assertThat(settings.port()).isEqualTo(9001);
        assertThat(settings.domain()).isEqualTo("edge.example.com");
        assertThat(settings.data()).isEqualTo(directory);
        assertThat(settings.retain()).isEqualTo(7);
        assertThat(settings.controlPlane()).isEqualTo(URI.create("https://cp.example.com/"));
        assertThat(settings.bind()).isEqualTo("0.0.0.0");
        assertThat(settings.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void givenTokenAndKeyFiles_whenParsed_thenReadFromThem() throws Exception {
        Path token = Files.writeString(directory.resolve("edge.token"), "file-token\n");
        Path pem = Files.writeString(directory.resolve("cp.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n");

        EdgeSettings settings = EdgeSettings.parse(List.of("--token-file=" + token, "--public-key-file=" + pem), env);

        assertThat(settings.token()).isEqualTo("file-token");
        assertThat(settings.publicKey()).isEqualTo(key);
        assertThat(settings.toString()).doesNotContain("file-token");
    }

    @Test
    void givenBadValues_whenParsed_thenOneClearSentenceEach() {
        assertInvalid(List.of("--port=http"), "--port 'http' must be a whole number from 0 to 65535 (default 8081)");
        assertInvalid(List.of("--retain=4"), "--retain '4' must be a whole number from 5 to 10000 (default 5)");
        assertInvalid(List.of("--colour=blue"), "--colour is not a setting; known: --id, --region");
        assertInvalid(List.of("--port", "8081"), "'--port' is not a setting; write each as --name=value");
        assertInvalid(List.of("--control-plane=ftp://cp"), "is not an http(s) base URL");
        assertInvalid(List.of("--id=syd/../x"), "is not an edge id");
        assertInvalid(List.of("--domain=bad domain"), "is not a domain name");
        assertInvalid(List.of("--public-key=bm90IGEga2V5"), "is not an Ed25519 public key");
        assertInvalid(List.of("--public-key-file=" + directory.resolve("missing.pem")), "cannot read the public key");
        assertInvalid(List.of("--token-file=" + directory.resolve("missing")), "cannot read the edge token");
    }

    @Test
    void givenNoTokenOrKey_whenParsed_thenTheMessageSaysWhereToGetThem() {
        env.remove("TASMAN_EDGE_TOKEN");
        assertInvalid(List.of(), "no edge token: give --token-file=");
        env.put("TASMAN_EDGE_TOKEN", "t");
        env.remove("TASMAN_EDGE_PUBLIC_KEY");
        assertInvalid(List.of(), "no control plane public key");
        env.put("TASMAN_EDGE_TOKEN", "two words");
        assertInvalid(List.of("--public-key=" + keyBase64), "holds spaces or control characters");
    }

    @Test
    void givenHelp_thenEverySettingIsListedWithItsEnvironmentName() {
        assertThat(EdgeSettings.usage()).contains("--heartbeat-timeout", "TASMAN_EDGE_HEARTBEAT_TIMEOUT",
                "--public-key-file", "TASMAN_EDGE_PUBLIC_KEY_FILE");
    }

    @Test
    void givenTheReadmeAndTheJavadoc_thenBothDocumentEverySetting() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String javadoc = Files.readString(Path.of("src/main/java/dev/tasman/edge/EdgeSettings.java"));
        for (String line : EdgeSettings.usage().lines().filter(l -> l.startsWith("  --")).toList()) {
            String name = line.strip().split("\\s+")[0];
            String environment = EdgeSettings.environment(name.substring(2));
            assertThat(readme).as("README documents %s", name).contains("`" + name + "`", "`" + environment + "`");
            assertThat(javadoc).as("javadoc documents %s", name)
                    .contains("<td>" + name + "</td><td>" + environment + "</td>");
        }
    }

    private void assertInvalid(List<String> args, String message) {
        assertThatThrownBy(() -> EdgeSettings.parse(args, env)).isInstanceOf(EdgeSettings.Invalid.class)
                .hasMessageContaining(message).message().doesNotContain("\n").doesNotContain("secret-token");
    }

    private static PublicKey generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
