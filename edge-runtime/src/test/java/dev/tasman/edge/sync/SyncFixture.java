package dev.tasman.edge.sync;

import dev.tasman.api.feed.DeploymentPropagating;
import dev.tasman.api.feed.FeedEvent;
import dev.tasman.api.feed.FeedHead;
import dev.tasman.api.feed.FeedPayload;
import dev.tasman.api.feed.ProjectAnnounced;
import dev.tasman.api.feed.RoutingSwitched;
import dev.tasman.edge.cache.BlobCache;
import dev.tasman.edge.control.Backoff;
import dev.tasman.edge.control.ControlPlane;
import dev.tasman.edge.routing.Routing;
import dev.tasman.edge.routing.RoutingTable;
import dev.tasman.edge.testing.Eventually;
import dev.tasman.edge.testing.FakeControlPlane;
import dev.tasman.edge.testing.FakeControlPlane.Published;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One edge ({@code syd}) on a fresh data directory, syncing from a {@link FakeControlPlane}, fed
 * events by the test directly. A JUnit extension:
 * {@code @RegisterExtension final SyncFixture edge = new SyncFixture();}
 */
final class SyncFixture implements BeforeEachCallback, AfterEachCallback {

    static final String EDGE = "syd";
    static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 4);

    FakeControlPlane origin;
    Path data;
    final Routing routing = new Routing();
    EdgeSync sync;
    private long position;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("edge-sync-test");
        origin = new FakeControlPlane();
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        sync.close();
        origin.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static SyncOptions options() {
        return SyncOptions.defaults(EDGE, "localhost").withWaits(FAST,
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 1),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1), 1));
    }

    /** A fresh EdgeSync on the same data directory, as after a restart. */
    EdgeSync open() {
        try {
            sync = EdgeSync.open(data, new BlobCache(data.resolve("blobs")), routing,
                    new ControlPlane(origin.url(), FakeControlPlane.TOKEN, EDGE, FAST), origin.publicKey(), options());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = sync.feedPosition();
        sync.start();
        return sync;
    }

    FeedEvent feed(FeedPayload payload) {
        FeedEvent event = new FeedEvent(FeedEvent.VERSION, ++position, Instant.now(), payload);
        sync.apply(event);
        return event;
    }

    void head() {
        sync.caughtUp(new FeedHead(FeedEvent.VERSION, position));
    }

    void announce(String projectId, String name) {
        feed(new ProjectAnnounced(projectId, name));
    }

    Published publish(String deploymentId, String projectId, Map<String, String> files) {
        return origin.publish(deploymentId, projectId, files);
    }

    void propagate(Published deployment, String... requiredEdges) {
        feed(new DeploymentPropagating(deployment.deploymentId(), deployment.projectId(), deployment.digest(),
                List.of(requiredEdges)));
    }

    void switchTo(Published deployment) {
        feed(new RoutingSwitched(deployment.projectId(), deployment.deploymentId(), null, "DEPLOY"));
    }

    RoutingTable table() {
        return routing.current().orElseThrow();
    }

    boolean held(String deploymentId) {
        return table().site(deploymentId).isPresent();
    }

    void awaitHeld(String deploymentId) {
        Eventually.until(deploymentId + " is held", () -> held(deploymentId));
    }

    Path manifest(String deploymentId) {
        return data.resolve("manifests").resolve(deploymentId + ".json");
    }

    Path blob(String sha) {
        return data.resolve("blobs").resolve(sha.substring(0, 2)).resolve(sha);
    }
}
