package dev.tasman.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The machine a benchmark ran on, in one line, so that every printed figure carries it. */
final class Machine {

    private Machine() {
    }

    /** Cores and CPU model, memory, kernel and JDK, e.g. "2 cores (Intel(R) Xeon(R) Processor), 23.5 GiB, Linux 6.1, JDK 25". */
    static String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %s, Linux %s, JDK %s", Runtime.getRuntime().availableProcessors(),
                procField("/proc/cpuinfo", "model name").orElse("unknown CPU"),
                procField("/proc/meminfo", "MemTotal").map(kb -> String.format(Locale.ROOT, "%.1f GiB",
                        Double.parseDouble(kb.replace("kB", "").trim()) / 1024 / 1024)).orElse("unknown memory"),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"));
    }

    private static Optional<String> procField(String file, String name) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
