package dev.tasman.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged CLI ({@code cli/target/cli-*-exec.jar}) as a real child process, the way {@code ./tasman}
 * runs it. Each run gets only the environment given here (no TASMAN_* of the machine running the tests,
 * its own XDG_CONFIG_HOME), and every run is checked for the CLI's promises about errors: without
 * {@code --debug}, no stack trace anywhere and at most one line on stderr.
 */
final class Cli {

    private final Path config;
    private final Map<String, String> environment = new HashMap<>();

    record Result(int code, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs with {@code config} as XDG_CONFIG_HOME: not logged in while it holds no login. */
    Cli(Path config) {
        this.config = config;
    }

    /** The same configuration directory with this variable as well. */
    Cli with(String name, String value) {
        Cli cli = new Cli(config);
        cli.environment.putAll(environment);
        cli.environment.put(name, value);
        return cli;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return input("", args);
    }

    /** Runs with {@code stdin} piped in. */
    Result input(String stdin, String... args) throws IOException, InterruptedException {
        return start(stdin, args).await();
    }

    Running start(String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Platform.java(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx96m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(key -> key.startsWith("TASMAN_") || key.equals("NO_COLOR"));
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        builder.environment().putAll(environment);
        Running running = new Running(builder.start(), List.of(args));
        running.process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        running.process.getOutputStream().close();
        return running;
    }

    /** A run in progress, its output collected as it comes, e.g. to interrupt it as Ctrl-C would. */
    static final class Running {

        private final Process process;
        private final List<String> args;
        private final Output out;
        private final Output err;

        private Running(Process process, List<String> args) {
            this.process = process;
            this.args = args;
            this.out = new Output(process.getInputStream());
            this.err = new Output(process.getErrorStream());
        }

        /** Waits until stdout shows {@code marker}. */
        void awaitOutput(String marker) throws InterruptedException {
            awaitOutput("'" + marker + "'", text -> text.contains(marker));
        }

        /** Waits until stdout so far passes {@code test}. */
        void awaitOutput(String what, java.util.function.Predicate<String> test) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!test.test(out.text())) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("tasman " + String.join(" ", args) + " did not print " + what
                            + ":\n" + out.text() + err.text());
                }
                Thread.sleep(50);
            }
        }

        /** SIGINT, what Ctrl-C sends. */
        void interrupt() throws IOException, InterruptedException {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
        }

        Result await() throws InterruptedException {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("tasman " + String.join(" ", args) + " did not end within 3 minutes");
            }
            Result result = new Result(process.exitValue(), out.all(), err.all());
            if (!args.contains("--debug")) {
                assertThat(result.out() + result.err()).as("no stack trace without --debug: " + result)
                        .doesNotContain("\tat ", "Exception in thread", "Caused by:");
                assertThat(result.errLines()).as("at most one line on stderr: " + result).hasSizeLessThanOrEqualTo(1);
            }
            return result;
        }
    }

    /** One output stream of the process, read by its own thread. */
    private static final class Output {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream stream) {
            reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    int read;
                    while ((read = stream.read(buffer)) >= 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, read);
                        }
                    }
                } catch (IOException closed) {
                    // the process is gone
                }
            });
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        String all() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return text();
        }
    }

    static Path jar() {
        String built = System.getProperty("tasman.cli.jar");
        Path jar = built != null ? Path.of(built) : Platform.home().resolve("cli/target/cli-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the ITs run after `package`");
        }
        return jar;
    }
}
