package dev.tasman.edge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.api.feed.EdgeAcknowledgement;
import dev.tasman.api.feed.EdgeHoldings;
import dev.tasman.api.feed.EdgeProgress;
import dev.tasman.api.feed.EdgeSyncFailure;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.api.feed.FeedPayload;
import dev.tasman.api.manifest.Manifest;
import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.edge.cache.Sha256;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The control plane as an edge sees it, on a real Undertow server: signed manifests and blobs from
 * origin, the SSE feed (written to by the test), and the callbacks, recorded. Faults on demand:
 * tampered manifests and blobs, forged signatures, 503s, held responses, a silent feed.
 */
public final class FakeControlPlane implements AutoCloseable {

    public static final String TOKEN = "edge-token-for-tests";
    private static final ObjectMapper JSON = Json.mapper();

    private final KeyPair keys = generate();
    private final Undertow server;
    private final int port;

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> blobFaults = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> blobGates = new ConcurrentHashMap<>();
    private final Map<String, Served> manifests = new ConcurrentHashMap<>();

    /** Every request, in arrival order, as "METHOD path" (no query). */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<EdgeAcknowledgement> acknowledgements = new CopyOnWriteArrayList<>();
    public final List<EdgeHoldings> holdings = new CopyOnWriteArrayList<>();
    public final List<EdgeSyncFailure> failures = new CopyOnWriteArrayList<>();
    public final List<EdgeProgress> progress = new CopyOnWriteArrayList<>();
    /** The {@code after} of each feed connection, in order. */
    public final List<Long> feedAfter = new CopyOnWriteArrayList<>();

    private final Deque<Integer> readyAnswers = new ArrayDeque<>(List.of(204));
    private volatile int feedStatus = 200;
    private volatile int acknowledgementStatus = 204;
    private volatile int progressStatus = 204;
    private volatile Consumer<EdgeAcknowledgement> onAcknowledgement = ack -> { };
    private volatile Consumer<EdgeHoldings> onHoldings = report -> { };

    // The feed: events by position; connections wake on each change.
    private final Object feedLock = new Object();
    private final TreeMap<Long, FeedEvent> events = new TreeMap<>();
    private long nextPosition = 10;
    private int generation;
    private volatile boolean silent;
    private volatile long heartbeatMillis = 100;

    public FakeControlPlane() {
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(this::handle).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    @Override
    public void close() {
        synchronized (feedLock) {
            generation++;
            feedLock.notifyAll();
        }
        server.stop();
    }

    // ---- origin

    /** Stores blobs and a signed manifest for a deployment; files are path → content. */
    public Published publish(String deploymentId, String projectId, Map<String, String> files) {
        List<ManifestFile> entries = new ArrayList<>();
        new TreeMap<>(files).forEach((path, content) -> {
            String sha = putBlob(content.getBytes(StandardCharsets.UTF_8));
            // Script files get a "precompressed" variant, so variants are fetched like any blob.
            String gzip = path.endsWith(".js") ? putBlob(("gzip of " + content).getBytes(StandardCharsets.UTF_8))
                    : null;
            entries.add(new ManifestFile(path, sha, content.length(), "text/plain; charset=utf-8", gzip, null));
        });
        Manifest manifest = new Manifest(Manifest.CURRENT_VERSION, deploymentId, projectId, entries,
                RoutingRules.none(), null);
        byte[] body = json(manifest);
        String digest = Sha256.prefixed(body);
        manifests.put(deploymentId, new Served(body, digest, sign(body, keys.getPrivate())));
        return new Published(deploymentId, projectId, digest, manifest);
    }

    public String putBlob(byte[] content) {
        String sha = Sha256.hex(content);
        blobs.put(sha, content);
        return sha;
    }

    /** The manifest's body changes after signing (one file renamed); digest header and signature stay. */
    public void tamperManifest(String deploymentId) {
        manifests.computeIfPresent(deploymentId, (id, served) -> new Served(
                new String(served.body(), StandardCharsets.UTF_8).replaceFirst("\"path\":\"", "\"path\":\"evil-")
                        .getBytes(StandardCharsets.UTF_8), served.digest(), served.signature()));
    }

    /** The manifest is signed by some other key: digest right, signature wrong. */
    public void forgeSignature(String deploymentId) {
        PrivateKey stranger = generate().getPrivate();
        manifests.computeIfPresent(deploymentId, (id, served) -> new Served(served.body(), served.digest(),
                sign(served.body(), stranger)));
    }

    /** The blob named {@code sha} is served with other bytes. */
    public void tamperBlob(String sha) {
        blobs.put(sha, "not what was uploaded".getBytes(StandardCharsets.UTF_8));
    }

    /** The next requests for {@code sha} are answered with these statuses, then the blob. */
    public void failBlob(String sha, Integer... statuses) {
        blobFaults.put(sha, new ArrayDeque<>(List.of(statuses)));
    }

    /** Requests for {@code sha} wait until the returned latch is released. */
    public CountDownLatch holdBlob(String sha) {
        CountDownLatch gate = new CountDownLatch(1);
        blobGates.put(sha, gate);
        return gate;
    }

    public long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    public long blobRequests(String sha) {
        return count("GET /v1/origin/blobs/" + sha);
    }

    /** Ready requests are answered with these statuses in turn, the last one from then on. */
    public void readyStatus(Integer... statuses) {
        synchronized (readyAnswers) {
            readyAnswers.clear();
            readyAnswers.addAll(List.of(statuses));
        }
    }

    private int nextReadyStatus() {
        synchronized (readyAnswers) {
            return readyAnswers.size() > 1 ? readyAnswers.poll() : readyAnswers.getFirst();
        }
    }

    public void acknowledgementStatus(int status) {
        acknowledgementStatus = status;
    }

    /** Runs when an acknowledgement arrives, before it is answered (to look at the edge's disk then). */
    public void onAcknowledgement(Consumer<EdgeAcknowledgement> check) {
        onAcknowledgement = check;
    }

    /** How progress reports are answered from now on (204 by default). */
    public void progressStatus(int status) {
        progressStatus = status;
    }

    /** Runs when holdings arrive, before they are answered. */
    public void onHoldings(Consumer<EdgeHoldings> check) {
        onHoldings = check;
    }

    // ---- feed

    /** Appends an event at the next position and returns it. */
    public FeedEvent emit(FeedPayload payload) {
        synchronized (feedLock) {
            FeedEvent event = new FeedEvent(FeedEvent.VERSION, nextPosition++, Instant.now(), payload);
            events.put(event.position(), event);
            feedLock.notifyAll();
            return event;
        }
    }

    /** Ends every open feed connection (the edge reconnects). */
    public void dropFeedConnections() {
        synchronized (feedLock) {
            generation++;
            feedLock.notifyAll();
        }
    }

    /** Feed connections are answered with this status (e.g. 503) instead of the stream. */
    public void feedStatus(int status) {
        feedStatus = status;
    }

    /** While silent, open feed connections send nothing at all, not even heartbeats. */
    public void silent(boolean value) {
        silent = value;
    }

    // ---- HTTP

    private void handle(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this::handle);
            return;
        }
        exchange.startBlocking();
        String path = exchange.getRequestPath();
        String method = exchange.getRequestMethod().toString();
        requests.add(method + " " + path);
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            problem(exchange, 401, "no valid edge token");
            return;
        }
        byte[] body = exchange.getInputStream().readAllBytes();
        switch (method + " " + path.replaceAll("/[^/]+$", "/*")) {
            case "GET /v1/origin/manifests/*" -> manifest(exchange, path.substring(path.lastIndexOf('/') + 1));
            case "GET /v1/origin/blobs/*" -> blob(exchange, path.substring(path.lastIndexOf('/') + 1));
            case "GET /v1/edge/*" -> feed(exchange);
            case "POST /v1/edge/*" -> callback(exchange, path, body);
            default -> problem(exchange, 404, "no such endpoint " + path);
        }
    }

    private void manifest(HttpServerExchange exchange, String deploymentId) throws IOException {
        Served served = manifests.get(deploymentId);
        if (served == null) {
            problem(exchange, 404, "Origin holds no manifest for deployment '" + deploymentId + "'");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Tasman-Manifest-Digest"),
                served.digest());
        exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Tasman-Signature"),
                served.signature());
        exchange.getResponseHeaders().put(io.undertow.util.HttpString.tryFromString("X-Tasman-Key-Id"), "ed25519-test");
        exchange.getOutputStream().write(served.body());
    }

    private void blob(HttpServerExchange exchange, String sha) throws Exception {
        CountDownLatch gate = blobGates.get(sha);
        if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a test held blob " + sha + " and never released it");
        }
        Deque<Integer> faults = blobFaults.get(sha);
        Integer fault = faults == null ? null : faults.poll();
        if (fault != null) {
            problem(exchange, fault, "fault injected by the test");
            return;
        }
        byte[] content = blobs.get(sha);
        if (content == null) {
            problem(exchange, 404, "Origin holds no blob " + sha + ".");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        exchange.getOutputStream().write(content);
    }

    private void callback(HttpServerExchange exchange, String path, byte[] body) throws IOException {
        switch (path) {
            case "/v1/edge/acknowledgements" -> {
                EdgeAcknowledgement ack = JSON.readValue(body, EdgeAcknowledgement.class);
                onAcknowledgement.accept(ack);
                acknowledgements.add(ack);
                answer(exchange, acknowledgementStatus, "this edge is not required for " + ack.deploymentId());
            }
            case "/v1/edge/holdings" -> {
                EdgeHoldings report = JSON.readValue(body, EdgeHoldings.class);
                onHoldings.accept(report);
                holdings.add(report);
                exchange.setStatusCode(204);
            }
            case "/v1/edge/sync-failures" -> {
                failures.add(JSON.readValue(body, EdgeSyncFailure.class));
                exchange.setStatusCode(204);
            }
            case "/v1/edge/progress" -> {
                progress.add(JSON.readValue(body, EdgeProgress.class));
                answer(exchange, progressStatus, "progress refused (injected by the test)");
            }
            case "/v1/edge/ready" -> answer(exchange, nextReadyStatus(), "edge lacks deployment dpl_missing");
            default -> problem(exchange, 404, "no such endpoint " + path);
        }
    }

    private void feed(HttpServerExchange exchange) throws Exception {
        String query = exchange.getQueryParameters().getOrDefault("after", new ArrayDeque<>(List.of("0"))).peekFirst();
        long after = Long.parseLong(query);
        feedAfter.add(after);
        if (feedStatus != 200) {
            problem(exchange, feedStatus, "the feed is down (injected by the test)");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream");
        OutputStream out = exchange.getOutputStream();
        long sent = after;
        int myGeneration;
        List<FeedEvent> backlog;
        synchronized (feedLock) {
            myGeneration = generation;
            backlog = List.copyOf(events.tailMap(after, false).values());
        }
        for (FeedEvent event : backlog) {
            write(out, event);
            sent = event.position();
        }
        synchronized (feedLock) {
            long head = events.isEmpty() ? after : Math.max(after, events.lastKey());
            out.write(("event: head\ndata: " + new String(json(new FeedHead(FeedEvent.VERSION, head)),
                    StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        while (true) {
            List<FeedEvent> fresh;
            synchronized (feedLock) {
                if (generation != myGeneration) {
                    return;
                }
                fresh = List.copyOf(events.tailMap(sent, false).values());
                if (fresh.isEmpty()) {
                    feedLock.wait(heartbeatMillis);
                    if (generation != myGeneration) {
                        return;
                    }
                    fresh = List.copyOf(events.tailMap(sent, false).values());
                }
            }
            if (silent) {
                continue;
            }
            for (FeedEvent event : fresh) {
                write(out, event);
                sent = event.position();
            }
            if (fresh.isEmpty()) {
                out.write(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    private static void write(OutputStream out, FeedEvent event) throws IOException {
        String type = event.payload() == null ? "unknown" : event.payload().type();
        out.write(("id: " + event.position() + "\nevent: " + type + "\ndata: "
                + new String(json(event), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpServerExchange exchange, int status, String detail) throws IOException {
        if (status < 300) {
            exchange.setStatusCode(status);
        } else {
            problem(exchange, status, detail);
        }
    }

    private static void problem(HttpServerExchange exchange, int status, String detail) throws IOException {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json");
        exchange.getOutputStream().write(json(Map.of("title", "refused", "status", status, "detail", detail)));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(byte[] body, PrivateKey key) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Served(byte[] body, String digest, String signature) {
    }

    /** A deployment as origin holds it. */
    public record Published(String deploymentId, String projectId, String digest, Manifest manifest) {

        public List<String> blobs() {
            List<String> names = new ArrayList<>();
            manifest.files().forEach(file -> {
                names.add(file.sha256());
                if (file.gzip() != null) {
                    names.add(file.gzip());
                }
            });
            return names;
        }
    }
}
