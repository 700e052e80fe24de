package dev.tasman.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Min, median and max of repeated measurements, and the machine's load next to them. */
final class Stats {

    private Stats() {
    }

    static double median(Collection<Double> values) {
        double[] sorted = sorted(values);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The value at quantile {@code q} (0..1) by the nearest-rank method. */
    static double percentile(Collection<Double> values, double q) {
        double[] sorted = sorted(values);
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** "min / median / max" with {@code format} for each, or the single value when there is one. */
    static String spread(Collection<Double> values, String format) {
        double[] sorted = sorted(values);
        if (sorted.length == 1) {
            return String.format(Locale.ROOT, format, sorted[0]);
        }
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, sorted[0], median(values),
                sorted[sorted.length - 1]);
    }

    /** The 1-, 5- and 15-minute load averages, as {@code uptime} prints them. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double[] sorted(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
