package dev.tasman.control.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasman.api.deployment.LogLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where bubblewrap is missing: builds are refused unless the weaker mode is explicitly allowed. */
class SandboxTest {

    @TempDir
    Path work;

    @Test
    void withoutBubblewrapBuildsAreRefusedSayingWhatToInstall() {
        Sandbox sandbox = new Sandbox(null, false);

        assertThatThrownBy(() -> sandbox.run("echo hi", work, Map.of(), Duration.ofSeconds(10), line -> { },
                () -> false))
                .isInstanceOf(Sandbox.BuildRefused.class)
                .hasMessageContaining("bubblewrap").hasMessageContaining("install");
        assertThat(sandbox.sandboxed()).isFalse();
    }

    @Test
    void theExplicitWeakerModeRunsTheCommandWithOnlyTheGivenEnvironment() throws Exception {
        Sandbox sandbox = new Sandbox(null, true);
        List<LogLine> lines = new CopyOnWriteArrayList<>();

        Sandbox.Outcome outcome = sandbox.run("echo \"$GREETING\"; env | cut -d= -f1 | sort", work,
                Map.of("GREETING", "hello", "CI", "1"), Duration.ofSeconds(10), lines::add, () -> false);

        assertThat(outcome.exitCode()).isZero();
        assertThat(lines).extracting(LogLine::text).contains("hello", "GREETING", "CI", "PATH")
                .doesNotContain("JAVA_HOME", "HOME", "TASMAN_DATA");
    }
}
