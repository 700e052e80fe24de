package dev.tasman.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar as a process (built by {@code mvn verify} before this runs). Only what needs no
 * serving yet: refusing bad settings and printing help. Starting a full edge and waiting for its
 * {@code EDGE READY} line belongs here once the serving handlers land.
 */
class EdgeMainIT {

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

    private static Result run(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("TASMAN_EDGE_"));
        Process process = builder.start();
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
