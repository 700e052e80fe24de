package dev.tasman.edge.serve;

import dev.tasman.api.manifest.ManifestFile;
import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.routing.Routing;
import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.routing.Site;
import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real edge chain on an ephemeral loopback port, its blob cache in a temporary directory, and a
 * client that reaches it for any host name: the client uses the edge as its HTTP proxy, so
 * {@code http://docs.edge.test/} arrives with that Host (in absolute form) without DNS, and without
 * the JDK's restricted-header switch, which is read once per JVM.
 *
 * <p>A JUnit extension: as a static {@code @RegisterExtension} field one edge serves the whole class,
 * as an instance field each test gets a fresh one (fresh metrics, no routing table).
 */
final class TestEdge implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final String EDGE_ID = "edge-syd-1";

    Routing routing;
    Metrics metrics;
    BlobCache blobs;
    HttpClient client;
    int port;
    private Undertow server;
    private boolean perClass;
    private volatile RequestLog log = RequestLog.NONE;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            stop();
        }
    }

    private void start() throws IOException {
        routing = new Routing();
        metrics = new Metrics();
        blobs = new BlobCache(Files.createTempDirectory("tasman-edge-blobs"));
        server = Undertow.builder().setIoThreads(1).setWorkerThreads(4).addHttpListener(0, "127.0.0.1")
                .setHandler(EdgeHandlers.chain(routing, blobs, metrics, EDGE_ID, request -> log.served(request)))
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().getFirst().getAddress()).getPort();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private void stop() throws IOException {
        client.close();
        server.stop();
        try (Stream<Path> files = Files.walk(blobs.root())) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Where answered requests are reported from now on (e.g. telemetry); nowhere until set. */
    void log(RequestLog log) {
        this.log = log;
    }

    /** Replaces the routing table: {@code hosts} host → project, {@code live} project → deployment. */
    void publish(Map<String, String> hosts, Map<String, String> live, Site... sites) {
        routing.swap(table(1, hosts, live, sites));
    }

    static RoutingTable table(long position, Map<String, String> hosts, Map<String, String> live, Site... sites) {
        return new RoutingTable(position, hosts, live,
                Stream.of(sites).collect(Collectors.toMap(Site::deploymentId, site -> site)));
    }

    HttpResponse<String> get(String url, String... headers) {
        return send("GET", url, headers);
    }

    HttpResponse<String> send(String method, String url, String... headers) {
        return exchange(method, url, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<byte[]> bytes(String url, String... headers) {
        return exchange("GET", url, HttpResponse.BodyHandlers.ofByteArray(), headers);
    }

    <T> HttpResponse<T> exchange(String method, String url, HttpResponse.BodyHandler<T> body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stores {@code bytes} as a blob under their real SHA-256, as the sync side would, and names it. */
    String blob(byte[] bytes) {
        String sha = sha256(bytes);
        try {
            Path path = blobs.path(sha);
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha;
    }

    SiteFiles site(String deploymentId, String projectId) {
        return new SiteFiles(deploymentId, projectId);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The brotli variant's stand-in: the edge never decodes or re-compresses, it only sends the blob named. */
    static byte[] fakeBrotli(byte[] bytes) {
        return ("br:" + new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /** Builds a deployment's files as blobs in this edge's cache. */
    final class SiteFiles {

        private final String deploymentId;
        private final String projectId;
        private final List<ManifestFile> files = new ArrayList<>();

        private SiteFiles(String deploymentId, String projectId) {
            this.deploymentId = deploymentId;
            this.projectId = projectId;
        }

        SiteFiles file(String path, String contentType, String content) {
            return file(path, contentType, content.getBytes(StandardCharsets.UTF_8));
        }

        SiteFiles file(String path, String contentType, byte[] content) {
            files.add(new ManifestFile(path, blob(content), content.length, contentType, null, null));
            return this;
        }

        /** A file with a gzip variant and, when {@code brotli}, a brotli variant. */
        SiteFiles compressed(String path, String contentType, String content, boolean brotli) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            files.add(new ManifestFile(path, blob(bytes), bytes.length, contentType, blob(gzip(bytes)),
                    brotli ? blob(fakeBrotli(bytes)) : null));
            return this;
        }

        Site build() {
            return build(RoutingRules.none());
        }

        Site build(RoutingRules rules) {
            return new Site(deploymentId, projectId, "sha256:" + "0".repeat(64),
                    files.stream().collect(Collectors.toMap(ManifestFile::path, file -> file)), rules, null);
        }
    }
}
