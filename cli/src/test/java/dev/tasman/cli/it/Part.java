package dev.tasman.cli.it;

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

/**
 * One part of the platform as a real child process, its output in a log file a test can read and show.
 * Copied from ops/drills (a test-only module: copied, not depended on).
 */
final class Part implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    Part(String name, List<String> command, Map<String, String> environment, Path logs) throws IOException {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        Files.createDirectories(logs);
        this.log = logs.resolve(name + ".log");
    }

    Part start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("TASMAN_"));
        builder.environment().putAll(environment);
        Files.writeString(log, "=== start " + java.time.Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        return this;
    }

    /** Waits until the part printed a line containing {@code marker} since its latest start. */
    void awaitOutput(String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (sinceLastStart().contains(marker)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not print '" + marker + "' within " + timeout + ":\n" + tail(40));
    }

    /** Waits until {@code url} answers 200. */
    void awaitHttp(String url, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(40));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not answer " + url + " within " + timeout + ":\n" + tail(40));
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM and wait: the part shuts down cleanly. */
    void stop() throws InterruptedException {
        if (alive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * SIGKILL to the process alone, as in a crash or an OOM kill: no shutdown hook runs, and a database it
     * started (the control plane's embedded PostgreSQL) is left orphaned, to be recovered on the next start.
     */
    void kill() throws InterruptedException {
        if (alive()) {
            process.destroyForcibly().waitFor();
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    String tail(int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String sinceLastStart() throws IOException {
        String all = output();
        return all.substring(Math.max(0, all.lastIndexOf("=== start ")));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    @Override
    public String toString() {
        return name;
    }
}
