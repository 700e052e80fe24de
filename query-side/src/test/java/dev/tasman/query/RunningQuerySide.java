package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasman.api.access.TokenKind;
import dev.tasman.embedded.LocalElasticsearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side started for real (Undertow on a random port) over a real PostgreSQL whose event table the
 * tests fill as the control plane would, and a real Elasticsearch. One running app is shared by every integration test class: each works
 * with its own projects, edges and tokens, and waits for the processors to catch up with what it wrote.
 */
@SpringBootTest(classes = QueryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // metrics exported as in production; Spring's test default turns them off
abstract class RunningQuerySide {

    private static final String DATABASE = TestDatabases.freshEventStore();
    /** One real node per JVM ({@code TASMAN_ES_URL} if set); this run's indices have a prefix of their own. */
    private static final String ELASTICSEARCH = LocalElasticsearch.forTests();
    private static final String INDEX_PREFIX = "tasman-it-" + Long.toString(System.nanoTime(), 36);
    private static final Path DATA;
    private static String adminToken;

    static {
        // The app checks for a database before its context exists, before dynamic properties are added.
        System.setProperty("tasman.query.database.url", DATABASE);
        try {
            DATA = Files.createTempDirectory("tasman-query-it-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The JDBC URL of the database this JVM's tests share. */
    static String eventStoreUrl() {
        return DATABASE;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("tasman.query.data-directory", DATA::toString);
        registry.add("tasman.query.poll-interval", () -> "100ms");
        registry.add("tasman.query.replay.check-interval", () -> "200ms");
        registry.add("tasman.query.elasticsearch.url", () -> ELASTICSEARCH);
        registry.add("tasman.query.elasticsearch.index-prefix", () -> INDEX_PREFIX);
        registry.add("tasman.query.elasticsearch.retry-interval", () -> "500ms");
    }

    /** The Elasticsearch the app writes to, and the prefix of this run's indices. */
    static String elasticsearchUrl() {
        return ELASTICSEARCH;
    }

    static String indexPrefix() {
        return INDEX_PREFIX;
    }

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    protected Platform platform() {
        return new Platform(new StoredEvents(dataSource));
    }

    /** An admin token, issued once for all test classes. */
    protected synchronized String admin() {
        if (adminToken == null) {
            adminToken = token("admin-" + Platform.unique("it"), TokenKind.ADMIN, null);
        }
        return adminToken;
    }

    protected String user(String subject) {
        return token(subject, TokenKind.USER, null);
    }

    /** Issues a token through the event store and waits until the query side knows it. */
    protected String token(String subject, TokenKind kind, String edgeId) {
        String token = platform().token(subject, kind, edgeId);
        eventually(() -> api().get("/v1/dashboard/edges?limit=1", token).status(), status -> status != 401);
        return token;
    }

    /** Waits (up to 20 s) until {@code read} gives a value {@code done} accepts, and returns it. */
    protected static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) {
        java.util.concurrent.atomic.AtomicReference<T> last = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                last.set(read.get());
                return done.test(last.get());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("still not there after 20 s; last seen: " + last.get(), e);
        }
        return last.get();
    }

    /** GETs {@code path} until it answers 200 with a body {@code done} accepts. */
    protected Api.Response eventuallyGet(String path, String token, java.util.function.Predicate<Api.Response> done) {
        return eventually(() -> api().get(path, token), r -> r.status() == 200 && done.test(r));
    }

    protected static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asText()).as(response.toString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            assertThat(response.json().path("field").asText()).as(response.toString()).isEqualTo(field);
        }
    }
}
