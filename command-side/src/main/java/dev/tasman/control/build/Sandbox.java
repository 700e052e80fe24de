package dev.tasman.control.build;

import dev.tasman.api.deployment.LogLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a build's shell command with nothing of the platform in reach. With bubblewrap: a read-only
 * system, the work directory as the only writable tree (at /build), a private /tmp and HOME, fresh
 * PID/IPC/UTS namespaces, the network (installs need the registry), an unprivileged uid, and only the
 * environment it is given. The control plane's data directory, tokens and keys are not mounted at all.
 * The whole process tree is killed on timeout or cancel.
 */
@Component
public class Sandbox {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    private static final List<String> SYSTEM = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc",
            "/opt");
    private static final int NOBODY = 65534;

    private final String bubblewrap;
    private final boolean allowUnsandboxed;

    @org.springframework.beans.factory.annotation.Autowired
    Sandbox(BuildProperties properties) {
        this(findBubblewrap(), properties.allowUnsandboxed());
    }

    /** {@code bubblewrap} is the bwrap binary, or null where there is none. */
    Sandbox(String bubblewrap, boolean allowUnsandboxed) {
        this.bubblewrap = bubblewrap;
        this.allowUnsandboxed = allowUnsandboxed;
        if (bubblewrap != null) {
            log.info("Builds run sandboxed by bubblewrap ({})", bubblewrap);
        } else if (allowUnsandboxed) {
            log.warn("!!! bubblewrap is not installed and tasman.control.builds.allow-unsandboxed=true: builds run "
                    + "WITHOUT isolation, as this process's user, and can read everything it can read. Install the "
                    + "'bubblewrap' package. !!!");
        } else {
            log.warn("bubblewrap is not installed: builds will be refused (install the 'bubblewrap' package, or set "
                    + "tasman.control.builds.allow-unsandboxed=true to accept weaker isolation)");
        }
    }

    /** What running a command came to. */
    public record Outcome(int exitCode, boolean timedOut, boolean cancelled) {
    }

    public boolean sandboxed() {
        return bubblewrap != null;
    }

    /**
     * Runs {@code shellCommand} with {@code sh -c} in {@code workDirectory}, streaming each output line
     * to {@code output}. {@code cancelled} is polled; when it turns true the tree is killed.
     */
    public Outcome run(String shellCommand, Path workDirectory, Map<String, String> environment, Duration timeout,
            Consumer<LogLine> output, BooleanSupplier cancelled) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(shellCommand, workDirectory, environment));
        builder.environment().clear();
        if (bubblewrap == null) {
            builder.directory(workDirectory.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        }
        Process process = builder.start();
        process.getOutputStream().close();
        Thread out = pump(process.getInputStream(), "stdout", output);
        Thread err = pump(process.getErrorStream(), "stderr", output);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return awaitOrKill(process, out, err, deadline, cancelled);
        } catch (InterruptedException e) {
            killTree(process);   // the worker is stopping: leave nothing running behind it
            throw e;
        }
    }

    private static Outcome awaitOrKill(Process process, Thread out, Thread err, long deadline,
            BooleanSupplier cancelled) throws InterruptedException {
        boolean timedOut = false;
        boolean wasCancelled = false;
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                timedOut = true;
            } else if (cancelled.getAsBoolean()) {
                wasCancelled = true;
            } else {
                continue;
            }
            killTree(process);
            break;
        }
        process.waitFor(10, TimeUnit.SECONDS);
        out.join(5_000);
        err.join(5_000);
        return new Outcome(process.isAlive() ? -1 : process.exitValue(), timedOut, wasCancelled);
    }

    private List<String> command(String shellCommand, Path workDirectory, Map<String, String> environment) {
        if (bubblewrap == null) {
            if (!allowUnsandboxed) {
                throw new BuildRefused("Builds need bubblewrap for isolation and it is not installed on this "
                        + "build worker; an operator must install the 'bubblewrap' package.");
            }
            return List.of("/bin/sh", "-c", shellCommand);
        }
        List<String> args = new ArrayList<>(List.of(bubblewrap, "--die-with-parent", "--new-session",
                "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--uid", Integer.toString(NOBODY), "--gid", Integer.toString(NOBODY), "--hostname", "build"));
        for (String dir : SYSTEM) {
            if (Files.exists(Path.of(dir))) {
                args.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run",
                "--bind", workDirectory.toAbsolutePath().toString(), "/build", "--chdir", "/build",
                "--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", "/tmp/home"));
        environment.forEach((name, value) -> args.addAll(List.of("--setenv", name, value)));
        args.addAll(List.of("/bin/sh", "-c", "mkdir -p /tmp/home && " + shellCommand));
        return args;
    }

    /** Children first, so nothing is re-parented and left running. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread pump(InputStream stream, String name, Consumer<LogLine> output) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.accept(new LogLine(Instant.now(), name, line));
                }
            } catch (IOException closed) {
                // the process was killed
            }
        }, "build-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String findBubblewrap() {
        for (String candidate : List.of("/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    /** A build that cannot run on this worker at all. */
    public static final class BuildRefused extends RuntimeException {
        BuildRefused(String message) {
            super(message);
        }
    }
}
