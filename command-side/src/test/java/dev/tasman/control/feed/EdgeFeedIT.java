package dev.tasman.control.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.Json;
import dev.tasman.control.Api;
import dev.tasman.control.RunningControlPlane;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The edge feed over real HTTP from the real event store: backlog, head, live events, resume, refusals, holes. */
class EdgeFeedIT extends RunningControlPlane {

    private static final ObjectMapper JSON = Json.mapper();

    @LocalServerPort
    int localPort;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventStoreFeed feed;

    private final HttpClient http = HttpClient.newHttpClient();
    private String edgeToken;

    /** One SSE message: its id (position) line, event name and data. */
    record Message(Long id, String event, JsonNode data) {
    }

    @BeforeEach
    void anEdge() {
        String edge = "feed" + Long.toString(System.nanoTime(), 36);
        edgeToken = api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", edge, "region", "test-region", "url", "http://127.0.0.1:9002"))).json()
                .get("token").asText();
    }

    @Test
    void backlogArrivesInPositionOrderThenHeadThenLiveEventsAndAResumeStartsAfterThePosition() throws Exception {
        String name = unique("fed");
        String projectId = createProject(name, adminToken());
        api().post("/v1/projects/" + name + "/domains", adminToken(), Api.json(Map.of("domain", name + ".example.com")));

        try (Stream stream = open("?after=0")) {
            List<Message> backlog = stream.until("head");
            Message created = backlog.stream().filter(m -> m.event().equals("project-created")
                    && m.data().at("/payload/projectId").asText().equals(projectId)).findFirst().orElseThrow();
            assertThat(created.data().at("/payload/name").asText()).isEqualTo(name);
            assertThat(created.data().get("version").asInt()).isEqualTo(1);
            assertThat(created.data().get("position").asLong()).isEqualTo(created.id());
            assertThat(backlog).anyMatch(m -> m.event().equals("domain-added")
                    && m.data().at("/payload/domain").asText().equals(name + ".example.com"));
            List<Long> ids = backlog.stream().map(Message::id).filter(id -> id != null).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            Message head = backlog.getLast();
            assertThat(head.data().get("position").asLong()).isGreaterThanOrEqualTo(ids.getLast());

            api().post("/v1/projects/" + name + "/domains", adminToken(), Api.json(Map.of("domain", "live." + name + ".example.com")));
            Message live = stream.next(Duration.ofSeconds(10));
            assertThat(live.event()).isEqualTo("domain-added");
            assertThat(live.data().at("/payload/domain").asText()).isEqualTo("live." + name + ".example.com");
            assertThat(live.id()).isGreaterThan(head.data().get("position").asLong());

            try (Stream resumed = open("?after=" + created.id())) {
                Message first = resumed.next(Duration.ofSeconds(10));
                assertThat(first.id()).isGreaterThan(created.id());
                assertThat(resumed.until("head")).noneMatch(m -> m.event().equals("project-created")
                        && m.data().at("/payload/projectId").asText().equals(projectId));
            }
        }
    }

    @Test
    void lastEventIdResumesLikeAfter() throws Exception {
        String projectId = createProject(unique("fed"), adminToken());
        long position = jdbc.queryForObject("select globalindex from domainevententry where aggregateidentifier = ? "
                + "and payloadtype like '%ProjectCreated'", Long.class, projectId);
        try (Stream stream = open("", Map.of("Last-Event-ID", Long.toString(position - 1)))) {
            Message first = stream.next(Duration.ofSeconds(10));
            assertThat(first.id()).isEqualTo(position);
            assertThat(first.data().at("/payload/projectId").asText()).isEqualTo(projectId);
        }
    }

    @Test
    void aBadPositionIsA400ProblemAndOnlyEdgeTokensReadTheFeed() {
        Api.Response bad = api().get("/v1/edge/feed?after=-3", edgeToken);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("detail").asText()).contains("'after' must be a feed position");

        assertThat(api().get("/v1/edge/feed?after=abc", edgeToken).status()).isEqualTo(400);
        assertThat(api().get("/v1/edge/feed", adminToken()).status()).isEqualTo(403);
        assertThat(api().get("/v1/edge/feed", null).status()).isEqualTo(401);
    }

    /**
     * Positions are taken before commit, so a later position can be visible while an earlier one is still
     * being written. The feed must wait for the earlier one instead of skipping it for good, and must not
     * wait once the earlier transaction is gone (rolled back).
     */
    @Test
    void aHoleFromAnOpenTransactionHoldsTheFeedUntilItCommitsAndARolledBackHoleIsSkipped() throws Exception {
        long start = feed.head();
        try (Connection slow = dataSource.getConnection(); Connection fast = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long held = insertProjectCreated(slow, "hole-held");
            long after = insertProjectCreated(fast, "hole-after");
            assertThat(after).isGreaterThan(held);

            EventStoreFeed.Batch waiting = feed.after(held - 1, 100);
            assertThat(waiting.position()).as("stops before the open transaction's position").isEqualTo(held - 1);
            assertThat(waiting.events()).isEmpty();

            slow.commit();
            EventStoreFeed.Batch filled = feed.after(held - 1, 100);
            assertThat(filled.events()).extracting(e -> e.position()).contains(held, after);
        }
        try (Connection lost = dataSource.getConnection(); Connection fast = dataSource.getConnection()) {
            lost.setAutoCommit(false);
            long rolledBack = insertProjectCreated(lost, "hole-lost");
            long after = insertProjectCreated(fast, "hole-after-lost");
            lost.rollback();

            EventStoreFeed.Batch skipped = feed.after(rolledBack - 1, 100);
            assertThat(skipped.events()).extracting(e -> e.position()).containsExactly(after);
        }
        assertThat(feed.head()).isGreaterThan(start);
    }

    private static long insertProjectCreated(Connection connection, String name) throws Exception {
        String id = "prj_" + Long.toHexString(System.nanoTime());
        try (PreparedStatement insert = connection.prepareStatement("insert into domainevententry (aggregateidentifier, "
                + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                + "values (?, 0, 'Project', ?, '{}', ?, '1', 'dev.tasman.api.project.ProjectCreated', ?) "
                + "returning globalindex")) {
            insert.setString(1, id);
            insert.setString(2, java.util.UUID.randomUUID().toString());
            insert.setString(3, "{\"projectId\":\"" + id + "\",\"name\":\"" + name + "\",\"owner\":\"admin\"}");
            insert.setString(4, Instant.now().toString());
            try (var rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Stream open(String query) throws Exception {
        return open(query, Map.of());
    }

    private Stream open(String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/v1/edge/feed"
                + query)).header("Authorization", "Bearer " + edgeToken).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        return new Stream(response.body());
    }

    /** Reads SSE messages on a thread of its own, so a test can wait for the next one with a timeout. */
    static final class Stream implements AutoCloseable {

        private final java.io.InputStream body;
        private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

        Stream(java.io.InputStream body) {
            this.body = body;
            Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                Long id = null;
                String event = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            messages.add(new Message(id, event, JSON.readTree(data.toString())));
                        }
                        id = null;
                        event = "message";
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = Long.parseLong(line.substring(3).trim());
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        }

        Message next(Duration timeout) throws InterruptedException {
            Message message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a feed message within %s", timeout).isNotNull();
            return message;
        }

        List<Message> until(String event) throws InterruptedException {
            List<Message> read = new ArrayList<>();
            Message message;
            do {
                message = next(Duration.ofSeconds(20));
                read.add(message);
            } while (!message.event().equals(event));
            return read;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
