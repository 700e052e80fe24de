package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packaged application ({@code target/query-side-*-exec.jar}) as an operator starts it. */
class QueryMainIT {

    @Test
    void withoutADatabaseTheJarRefusesToStartWithOneSentenceSayingWhatToSet() throws Exception {
        Path jar = execJar();
        ProcessBuilder start = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-jar", jar.toString()).redirectErrorStream(true);
        start.environment().remove("TASMAN_DB_URL");
        start.environment().put("TASMAN_QUERY_PORT", "0");
        Process process = start.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ended").isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output).contains("TASMAN_DB_URL").contains("no database was named").doesNotContain("\tat ")
                .doesNotContain("\\tat ");
    }

    private static Path execJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("query-side-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("mvn package builds target/query-side-*-exec.jar"));
        }
    }
}
