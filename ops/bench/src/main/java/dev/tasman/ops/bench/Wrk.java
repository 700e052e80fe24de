package dev.tasman.ops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code wrk} run and the figures it printed. Any non-2xx answer or socket error stops the benchmark:
 * a fast wrong answer is not a result.
 */
final class Wrk {

    static final int THREADS = 2;
    static final int CONNECTIONS = 64;

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m), ([0-9.]+)([KMGT]?B) read");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: .*");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** Requests per second, latency percentiles, and bytes read per response (headers and body). */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, double bytesPerResponse) {
    }

    private static int runs;

    private Wrk() {
    }

    /** {@code wrk -t2 -c64 -d<seconds>s --latency -H <header>... <url>}. */
    static Result run(Path work, String url, int seconds, List<String> headers) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + THREADS, "-c" + CONNECTIONS, "-d" + seconds + "s",
                "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        String output = BenchProcess.start(work, "wrk-" + ++runs, command, Map.of())
                .awaitExit(Duration.ofSeconds(seconds + 60));
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalStateException("could not read wrk's output:\n" + output);
        }
        double ran = millis(total.group(2), total.group(3)) / 1000;
        if (ran < seconds * 0.9) {
            throw new IllegalStateException("wrk stopped after " + ran + " s of " + seconds + " s (interrupted?)");
        }
        Matcher non2xx = NON_2XX.matcher(output);
        Matcher socketErrors = SOCKET_ERRORS.matcher(output);
        if (non2xx.find() || socketErrors.find()) {
            throw new IllegalStateException("wrk " + url + " " + headers + " saw failures; its output:\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        double[] percentiles = new double[2];
        Matcher percentile = PERCENTILE.matcher(output);
        int found = 0;
        while (percentile.find()) {
            percentiles[percentile.group(1).equals("50") ? 0 : 1] = millis(percentile.group(2), percentile.group(3));
            found++;
        }
        if (!rate.find() || found != 2) {
            throw new IllegalStateException("could not read wrk's output:\n" + output);
        }
        double bytes = Double.parseDouble(total.group(4)) * switch (total.group(5)) {
            case "KB" -> 1024.0;
            case "MB" -> 1024.0 * 1024;
            case "GB" -> 1024.0 * 1024 * 1024;
            case "TB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1.0;
        };
        return new Result(Double.parseDouble(rate.group(1)), percentiles[0], percentiles[1],
                bytes / Long.parseLong(total.group(1)));
    }

    private static double millis(String value, String unit) {
        double number = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> number / 1000;
            case "s" -> number * 1000;
            case "m" -> number * 60_000;
            default -> number;
        };
    }
}
