package dev.tasman.edge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tasman.api.Json;
import dev.tasman.api.telemetry.MinuteAggregate;
import dev.tasman.api.telemetry.RequestBatch;
import dev.tasman.api.telemetry.RequestRecord;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The query side's receiving end of edge telemetry, as a real HTTP server on a loopback port:
 * {@code POST /v1/telemetry/requests} answered with the status the test chooses (202 with
 * {@code {"accepted": n}} by default), or held without an answer until {@link #release()}.
 */
public final class TelemetryReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = Json.mapper();

    /** Batches answered 202, in arrival order. */
    public final List<RequestBatch> accepted = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Every POST received, whatever it was answered. */
    public final AtomicInteger attempts = new AtomicInteger();
    /** POSTs being held without an answer. */
    public final AtomicInteger held = new AtomicInteger();
    private final HttpServer server;
    private volatile int status = 202;
    private volatile CountDownLatch hold;

    public TelemetryReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon().unstarted(r)));
        server.createContext("/v1/telemetry/requests", this::receive);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every batch is answered {@code status}. */
    public void answer(int status) {
        this.status = status;
    }

    /** From now on every batch waits for {@link #release()} before it is answered. */
    public void hang() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    public List<RequestRecord> records() {
        return accepted.stream().flatMap(batch -> batch.records().stream()).toList();
    }

    public List<MinuteAggregate> aggregates() {
        return accepted.stream().flatMap(batch -> batch.aggregates().stream()).toList();
    }

    public long droppedReported() {
        return accepted.stream().mapToLong(RequestBatch::droppedRecords).sum();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            attempts.incrementAndGet();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            CountDownLatch latch = hold;
            if (latch != null) {
                held.incrementAndGet();
                try {
                    latch.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                held.decrementAndGet();
            }
            int answer = status;
            String reply = "{\"title\":\"answered " + answer + " by the test\"}";
            if (answer == 202) {
                RequestBatch batch = JSON.readValue(body, RequestBatch.class);
                accepted.add(batch);
                reply = "{\"accepted\":" + batch.records().size() + "}";
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Lets held batches go, stops {@code telemetry} (if any), then the server: a test's clean-up in one call. */
    public void closeAfter(AutoCloseable telemetry) {
        release();
        try {
            if (telemetry != null) {
                telemetry.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
