package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.api.access.TokenKind;
import dev.tasman.api.deployment.BuildLogRecorded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Build log lines and the deployment timeline, indexed by processor {@code logs} into a real Elasticsearch and
 * read through {@code /v1/logs}: newest first, full text, filters, paging by cursor, and who may see what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsIT extends RunningQuerySide {

    private String owner;
    private Platform.Project project;
    private String edge;
    private String deployment;
    private JsonNode all;

    @BeforeAll
    void aDeploymentWithABuildLog() {
        Platform platform = platform();
        owner = Platform.unique("owner");
        project = platform.project(owner);
        edge = platform.activeEdge(Platform.unique("edge"));
        deployment = platform.queued(project, owner);
        Instant printed = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        platform.buildLog(project, deployment, printed, "npm ci", "added 212 packages", "webpack compiled "
                + "successfully", "copying dist to the output");
        platform.built(project, deployment);
        platform.propagating(project, deployment, List.of(edge));
        platform.acknowledged(project, deployment, edge);
        platform.ready(project, deployment, List.of(edge));
        platform.live(project, deployment, null);
        all = eventuallyGet("/v1/logs?project=" + project.name() + "&limit=500", admin(),
                r -> r.json().path("items").size() == 10).json();
    }

    @Test
    void givenADeployment_whenItsLogsAreRead_thenLinesAndStepsShowNewestFirstWithProjectIdAndName() {
        JsonNode items = all.path("items");

        assertThat(Api.texts(items, "message")).startsWith("routing cut over: live", "ready on edges " + edge,
                "edge " + edge + " acknowledged: it holds the deployment", "propagation requested to edges " + edge,
                "build succeeded: 3 files, 1234 bytes");
        assertThat(Api.texts(items, "message")).containsSubsequence("copying dist to the output",
                "webpack compiled successfully", "added 212 packages", "npm ci");
        assertThat(Api.texts(items, "kind")).containsOnly("build", "timeline");
        assertThat(Api.texts(items, "project")).containsOnly(project.id());
        assertThat(Api.texts(items, "projectName")).containsOnly(project.name());
        assertThat(Api.texts(items, "deployment")).containsOnly(deployment);
        List<Instant> times = Api.texts(items, "time").stream().map(Instant::parse).toList();
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(all.has("nextCursor")).isFalse();
        JsonNode line = items.get(Api.texts(items, "message").indexOf("added 212 packages"));
        assertThat(line.path("stream").asText()).isEqualTo("stderr");
        assertThat(line.has("status")).isFalse();
    }

    @Test
    void givenWordsAndFilters_whenSearched_thenOnlyWhatMatchesIsAnswered() {
        String p = "/v1/logs?project=" + project.id();

        assertThat(Api.texts(api().get(p + "&q=webpack", admin()).json().path("items"), "message"))
                .containsExactly("webpack compiled successfully");
        assertThat(Api.texts(api().get(p + "&kind=build", admin()).json().path("items"), "kind"))
                .hasSize(4).containsOnly("build");
        assertThat(Api.texts(api().get(p + "&kind=timeline,BUILD", admin()).json().path("items"), "kind"))
                .hasSize(10);
        JsonNode edgeOnly = api().get(p + "&edge=" + edge, admin()).json().path("items");
        assertThat(Api.texts(edgeOnly, "message")).containsExactly("edge " + edge + " acknowledged: it holds the "
                + "deployment");
        assertThat(Api.texts(edgeOnly, "edge")).containsExactly(edge);
        assertThat(api().get("/v1/logs?deployment=" + deployment, admin()).json().path("items")).hasSize(10);
        assertThat(api().get(p + "&kind=request", admin()).json().path("items")).isEmpty();
        Instant newest = Instant.parse(all.path("items").get(0).path("time").asText());
        assertThat(api().get(p + "&from=" + newest.plusMillis(1), admin()).json().path("items")).isEmpty();
        assertThat(api().get(p + "&to=" + newest.plusMillis(1) + "&from=" + newest.minusSeconds(3600), admin())
                .json().path("items")).hasSize(10);
    }

    @Test
    void givenPagesOfThree_whenTheCursorIsFollowed_thenEveryEntryComesOnceInOrder() {
        List<String> messages = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            JsonNode page = api().get("/v1/logs?project=" + project.name() + "&limit=3" + cursor, admin()).json();
            messages.addAll(Api.texts(page.path("items"), "message"));
            cursor = page.has("nextCursor") ? "&cursor=" + page.path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(messages).isEqualTo(Api.texts(all.path("items"), "message"));
    }

    @Test
    void givenSomeoneWithoutARole_whenTheyAsk_thenTheProjectIsNotTheirsToSeeAndEdgesAreRefused() {
        String stranger = user(Platform.unique("stranger"));
        String ownToken = user(owner);

        assertProblem(api().get("/v1/logs?project=" + project.name(), stranger), 404, null);
        Api.Response everything = api().get("/v1/logs?limit=500", stranger);
        assertThat(everything.status()).isEqualTo(200);
        assertThat(everything.body()).doesNotContain(project.id());
        assertThat(api().get("/v1/logs?deployment=" + deployment, stranger).json().path("items")).isEmpty();
        assertThat(api().get("/v1/logs?limit=500", ownToken).body()).contains(project.id());
        String edgeToken = token("edge:" + edge, TokenKind.EDGE, edge);
        assertProblem(api().get("/v1/logs?project=" + project.name(), edgeToken), 403, null);
        assertProblem(api().get("/v1/metrics", edgeToken), 403, null);
    }

    @Test
    void givenABuildLogEventThatCannotBeRead_whenIndexed_thenItIsParkedAndTheEventsAfterItAreIndexed() {
        Platform platform = platform();
        Platform.Project other = platform.project(owner);
        String broken = Platform.id("dpl_");
        long position = platform.events().appendRaw(broken, BuildLogRecorded.class, "{\"deploymentId\": 7, "
                + "\"lines\": \"not a list\"}");
        String after = platform.queued(other, owner);

        eventuallyGet("/v1/logs?deployment=" + after, admin(), r -> r.json().path("items").size() == 1);
        List<Map<String, Object>> parked = jdbc.queryForList("select * from query.dead_letter where position = ? "
                + "and processor = 'logs'", position);
        assertThat(parked).extracting(row -> row.get("handler")).containsExactly("LogProjection");
        assertThat(api().get("/v1/logs?deployment=" + broken, admin()).json().path("items")).isEmpty();
    }
}
