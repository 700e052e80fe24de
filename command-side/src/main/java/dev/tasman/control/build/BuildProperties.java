package dev.tasman.control.build;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Build worker settings, under {@code tasman.control.builds}.
 *
 * @param enabled          run build workers in this process (false for an API-only instance)
 * @param parallel         builds this process runs at once (processor threads)
 * @param timeout          wall-clock limit of install + build; the whole process tree is killed after it
 * @param maxOutputBytes   largest build output accepted into origin
 * @param maxLogLines      log lines kept per build; later lines are dropped with a "truncated" marker
 * @param allowUnsandboxed run builds without bubblewrap when it is missing. Weaker isolation: the build
 *                         runs as this process's user and can read what it can read. Off by default
 */
@ConfigurationProperties("tasman.control.builds")
public record BuildProperties(Boolean enabled, Integer parallel, Duration timeout, Long maxOutputBytes,
        Integer maxLogLines, Boolean allowUnsandboxed) {

    public BuildProperties {
        enabled = enabled == null || enabled;
        parallel = parallel == null ? 2 : parallel;
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
        maxOutputBytes = maxOutputBytes == null ? 500L * 1024 * 1024 : maxOutputBytes;
        maxLogLines = maxLogLines == null ? 10_000 : maxLogLines;
        allowUnsandboxed = allowUnsandboxed != null && allowUnsandboxed;
    }
}
