package dev.tasman.edge.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The edge's Prometheus metrics, served at {@code /_tasman/metrics} in text format 0.0.4: site requests
 * by status, their latency histogram, and gauges and counters other parts of the edge register (sync
 * lag, cache bytes, feed position, telemetry). Recording a request is a few {@link LongAdder} increments
 * and no lock, since it happens on every request; the cost is paid at scrape time instead.
 */
public final class Metrics {

    private static final String REQUESTS = "tasman_edge_requests_total";
    private static final String DURATION = "tasman_edge_request_duration_seconds";
    private static final String[] BUCKETS = {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
        "0.25", "1"};
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private record Gauge(String help, String type, DoubleSupplier value) {
    }

    private final AtomicReferenceArray<LongAdder> byStatus = new AtomicReferenceArray<>(600);
    private final long[] bucketNanos = new long[BUCKETS.length];
    private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1]; // not cumulative; the last is +Inf
    private final LongAdder sumNanos = new LongAdder();
    private final Map<String, Gauge> gauges = new LinkedHashMap<>(); // guarded by itself

    public Metrics() {
        for (int i = 0; i < BUCKETS.length; i++) {
            bucketNanos[i] = (long) (Double.parseDouble(BUCKETS[i]) * TimeUnit.SECONDS.toNanos(1));
        }
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /**
     * A value read at scrape time, e.g. sync lag or cache bytes reported by the sync side. Registering a
     * name again replaces the earlier gauge.
     *
     * @param name a Prometheus metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*})
     * @param help one line saying what the value is
     */
    public void gauge(String name, String help, DoubleSupplier value) {
        register(name, help, "gauge", value);
    }

    /**
     * A count that only grows, kept by another part of the edge (e.g. telemetry records shipped) and read
     * at scrape time; by convention its name ends in {@code _total}. Rules as for {@link #gauge}.
     */
    public void counter(String name, String help, DoubleSupplier value) {
        register(name, help, "counter", value);
    }

    private void register(String name, String help, String type, DoubleSupplier value) {
        if (name == null || !NAME.matcher(name).matches() || value == null) {
            throw new IllegalArgumentException("a gauge needs a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) "
                    + "and a value supplier, got name '" + name + "'");
        }
        synchronized (gauges) {
            gauges.put(name, new Gauge(help == null ? "" : help, type, value));
        }
    }

    /** One site request answered with {@code status} after {@code nanos}. */
    void record(int status, long nanos) {
        int code = status >= 100 && status < 600 ? status : 0;
        LongAdder counter = byStatus.get(code);
        if (counter == null) {
            byStatus.compareAndSet(code, null, new LongAdder());
            counter = byStatus.get(code);
        }
        counter.increment();
        int bucket = 0;
        while (bucket < bucketNanos.length && nanos > bucketNanos[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumNanos.add(nanos);
    }

    /** The exposition text. */
    String text() {
        StringBuilder out = new StringBuilder(2048);
        header(out, REQUESTS, "Site requests answered, by HTTP status.", "counter");
        for (int code = 0; code < byStatus.length(); code++) {
            LongAdder counter = byStatus.get(code);
            if (counter != null) {
                out.append(REQUESTS).append("{status=\"").append(code).append("\"} ").append(counter.sum()).append('\n');
            }
        }
        header(out, DURATION, "Time from receiving a site request to completing its response.", "histogram");
        long cumulative = 0;
        for (int i = 0; i < buckets.length; i++) {
            cumulative += buckets[i].sum();
            String le = i < BUCKETS.length ? BUCKETS[i] : "+Inf";
            out.append(DURATION).append("_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        out.append(DURATION).append("_sum ").append(sumNanos.sum() / 1e9).append('\n');
        out.append(DURATION).append("_count ").append(cumulative).append('\n');
        Map<String, Gauge> registered;
        synchronized (gauges) {
            registered = new LinkedHashMap<>(gauges);
        }
        registered.forEach((name, gauge) -> {
            header(out, name, gauge.help(), gauge.type());
            out.append(name).append(' ').append(value(gauge.value())).append('\n');
        });
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        String escaped = help.replace("\\", "\\\\").replace("\n", "\\n");
        out.append("# HELP ").append(name).append(' ').append(escaped).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A gauge that fails reports NaN rather than failing the whole scrape. */
    private static String value(DoubleSupplier supplier) {
        double value;
        try {
            value = supplier.getAsDouble();
        } catch (RuntimeException e) {
            value = Double.NaN;
        }
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
