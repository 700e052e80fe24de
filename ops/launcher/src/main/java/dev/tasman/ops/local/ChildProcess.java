package dev.tasman.ops.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One part of the platform run as its own process, its output in a log file, its pid in a pid file. */
final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private ChildProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logs,
            Path run) throws IOException {
        Files.createDirectories(logs);
        Files.createDirectories(run);
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path pidFile = run.resolve(name + ".pid");
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new ChildProcess(name, process, log, pidFile);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Waits for {@code url} to answer 200; fails early if the process exits. */
    void awaitHealthy(String url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PartFailed(name, "exited with code " + process.exitValue(), log);
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PartFailed(name, "interrupted while starting", log);
            }
            sleep(200);
        }
        throw new PartFailed(name, "did not become healthy within " + timeout.toSeconds() + " s", log);
    }

    /** SIGTERM and a grace period for a clean shutdown, then SIGKILL. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked before use
        }
    }

    /** Stops processes a previous launcher left behind when it was killed, found through their pid files. */
    static void stopLeftovers(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return;
        }
        try (var pidFiles = Files.list(run)) {
            for (Path pidFile : pidFiles.filter(p -> p.toString().endsWith(".pid")).toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().commandLine().map(c -> c.contains("tasman") || c.contains("java")).orElse(false))
                        .ifPresent(p -> {
                            System.out.println("  stopping " + pidFile.getFileName().toString().replace(".pid", "")
                                    + " (pid " + pid + ") left running by an earlier launcher");
                            p.destroy();
                            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> {
                                p.destroyForcibly();
                                return p;
                            }).join();
                        });
                Files.deleteIfExists(pidFile);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A part that did not start: names it and carries the tail of its log. */
    static final class PartFailed extends RuntimeException {

        private final Path log;

        PartFailed(String part, String why, Path log) {
            super(part + " " + why);
            this.log = log;
        }

        String tail(int lines) {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(no log at " + log + ")";
            }
        }

        Path log() {
            return log;
        }
    }
}
