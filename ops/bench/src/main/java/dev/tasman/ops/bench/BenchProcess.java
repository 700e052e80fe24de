package dev.tasman.ops.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process a benchmark starts (control plane, edge, nginx, wrk), its output in {@code <work>/logs/<name>.log}
 * and its pid in {@code <work>/pids/<name>.pid}. Every one is stopped when the JVM exits, however it exits
 * short of SIGKILL; the calling script's EXIT trap reads the pid files for that case.
 */
final class BenchProcess {

    private static final Deque<BenchProcess> RUNNING = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(BenchProcess::stopAll, "stop-bench-processes"));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private BenchProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    static BenchProcess start(Path work, String name, List<String> command, Map<String, String> environment)
            throws IOException {
        Path log = Files.createDirectories(work.resolve("logs")).resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("TASMAN_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path pidFile = Files.createDirectories(work.resolve("pids")).resolve(name + ".pid");
        Files.writeString(pidFile, Long.toString(process.pid()));
        BenchProcess started = new BenchProcess(name, process, log, pidFile);
        synchronized (RUNNING) {
            RUNNING.push(started);
        }
        return started;
    }

    /** Waits until the process printed a line containing {@code marker}; fails if it exits first. */
    void awaitOutput(String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(marker)) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw failed("did not print '" + marker + "' within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}; fails if the process exits first. */
    void awaitPort(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw failed("did not listen on port " + port + " within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits for the process to exit by itself (e.g. wrk) and returns its output; fails on a non-zero exit. */
    String awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            stop();
            throw failed("did not finish within " + timeout.toSeconds() + " s");
        }
        forget();
        if (process.exitValue() != 0) {
            throw failed("exited with code " + process.exitValue());
        }
        return output();
    }

    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw failed("exited with code " + process.exitValue());
        }
    }

    /** Everything the process printed so far (a stray non-UTF-8 byte does not stop a benchmark). */
    String output() throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    /** SIGTERM and up to 30 s for a clean shutdown, then SIGKILL. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forget();
    }

    private void forget() {
        synchronized (RUNNING) {
            RUNNING.remove(this);
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the script's trap checks that a pid is still alive before it signals it
        }
    }

    /** Latest started first, so edges stop before the control plane they talk to. */
    static void stopAll() {
        while (true) {
            BenchProcess next;
            synchronized (RUNNING) {
                next = RUNNING.peek();
            }
            if (next == null) {
                return;
            }
            next.stop();
        }
    }

    private IllegalStateException failed(String why) throws IOException {
        List<String> lines = output().lines().toList();
        return new IllegalStateException(name + " " + why + "; last lines of " + log + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
    }
}
