package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A deployment's progress over Server-Sent Events: each change of state or edge progress, until it is over. */
class ProgressStreamIT extends RunningQuerySide {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The 'progress' events of one stream, as they arrive; the future completes when the server ends it. */
    private record Stream(BlockingQueue<JsonNode> progress, CompletableFuture<Void> ended) {

        JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode event = progress.poll(100, TimeUnit.MILLISECONDS);
                if (event != null && wanted.test(event)) {
                    return event;
                }
            }
            throw new AssertionError("no such progress event within 20 s");
        }
    }

    private Stream open(String deploymentId, String token) {
        BlockingQueue<JsonNode> progress = new LinkedBlockingQueue<>();
        java.util.stream.Stream<String> lines = api().lines("/v1/dashboard/deployments/" + deploymentId + "/events",
                token, Map.of("Accept", "text/event-stream"));
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            String event = null;
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && "progress".equals(event)) {
                    progress.add(parse(line.substring(5)));
                }
            }
        });
        return new Stream(progress, ended);
    }

    @Test
    void theStreamFollowsADeploymentThroughEveryStageAndEveryAcknowledgementThenEnds() throws Exception {
        Platform platform = platform();
        String alice = Platform.unique("alice");
        String token = user(alice);
        Platform.Project project = platform.project(alice);
        List<String> edges = List.of(platform.activeEdge(Platform.unique("e")), platform.activeEdge(Platform.unique("e")));
        String deployment = platform.queued(project, alice);
        eventuallyGet("/v1/dashboard/deployments/" + deployment, token, r -> true);

        Stream stream = open(deployment, token);
        assertThat(stream.next(e -> true).path("state").asText()).isEqualTo("QUEUED");
        platform.built(project, deployment);
        stream.next(state("BUILT"));
        platform.propagating(project, deployment, edges);
        assertThat(stream.next(state("PROPAGATING")).path("missingEdges")).hasSize(2);
        platform.acknowledged(project, deployment, edges.get(0));
        JsonNode halfway = stream.next(e -> e.path("acknowledgedEdges").size() == 1);
        assertThat(halfway.path("missingEdges").get(0).asText()).isEqualTo(edges.get(1));
        platform.acknowledged(project, deployment, edges.get(1));
        stream.next(e -> e.path("acknowledgedEdges").size() == 2);
        platform.ready(project, deployment, edges);
        stream.next(state("READY"));
        platform.live(project, deployment, null);
        assertThat(stream.next(state("LIVE")).path("timings").path("liveAt").asText()).isNotBlank();

        stream.ended().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDeploymentThatIsOverIsSentOnceAndTheStreamEnds() throws Exception {
        Platform platform = platform();
        Platform.Project project = platform.project("ops");
        String deployment = platform.deployed(project, "ops", List.of(platform.activeEdge(Platform.unique("e"))), null);
        eventuallyGet("/v1/dashboard/deployments/" + deployment, admin(),
                r -> r.json().path("state").asText().equals("LIVE"));

        Stream stream = open(deployment, admin());
        stream.ended().get(10, TimeUnit.SECONDS);

        assertThat(stream.progress()).hasSize(1);
        assertThat(stream.progress().peek().path("id").asText()).isEqualTo(deployment);
    }

    private static Predicate<JsonNode> state(String state) {
        return e -> e.path("state").asText().equals(state);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
