package dev.tasman.control;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.tasman.control.source.TestRepository;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The control plane started for real (Undertow on a random port, real PostgreSQL) and shared by every
 * integration test class that extends this: Spring caches the running context between them.
 */
@SpringBootTest(classes = ControlPlaneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // metrics exported as in production; Spring's test default turns them off
public abstract class RunningControlPlane {

    static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("tasman-control-it-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabases.freshDatabase();
        registry.add("tasman.control.database.url", () -> url);
        registry.add("tasman.control.data-directory", DATA::toString);
        // the tests' git sources are repositories in temporary directories
        registry.add("tasman.control.sources.allow-local-git", () -> "true");
        // These tests drive propagation step by step through the command gateway, as the propagation
        // process would; the process itself is exercised against real edge processes (ops/drills).
        registry.add("tasman.control.propagation.enabled", () -> "false");
    }

    private final List<String> activeEdges = new ArrayList<>();

    /**
     * Registers an edge and makes it active the way a real edge does: it reports holding every live and
     * propagating deployment, then says it is ready. Drained after the test, so edges of one test never
     * count toward another test's cutovers in this shared control plane.
     */
    protected String registerActiveEdge(String id) {
        Api.Response registered = api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", id, "region", "test-region", "url", "http://127.0.0.1:9000")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String token = registered.json().get("token").asText();
        activeEdges.add(id);
        reportHoldings(token, jdbc.queryForList("select deployment_id from deployment_view "
                + "where state in ('LIVE', 'PROPAGATING')", String.class));
        Api.Response ready = api().post("/v1/edge/ready", token, null);
        assertThat(ready.status()).as(ready.toString()).isEqualTo(204);
        return token;
    }

    /** An active edge of this test: its id and its edge token. */
    protected record ActiveEdge(String id, String token) {
    }

    /** {@link #registerActiveEdge} under a fresh id that starts with {@code region}, e.g. "syd…". */
    protected ActiveEdge activeEdge(String region) {
        String id = region + Long.toString(System.nanoTime(), 36);
        return new ActiveEdge(id, registerActiveEdge(id));
    }

    /** What an edge holds, as it reports after each sync or eviction. */
    protected void reportHoldings(String edgeToken, List<String> deploymentIds) {
        List<Map<String, String>> held = deploymentIds.stream().map(id -> Map.of("deploymentId", id,
                "manifestDigest", jdbc.queryForObject("select manifest_digest from deployment_view where deployment_id = ?",
                        String.class, id))).toList();
        Api.Response reported = api().post("/v1/edge/holdings", edgeToken, Api.json(Map.of("deployments", held)));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(204);
    }

    @AfterEach
    void drainEdgesOfThisTest() {
        activeEdges.forEach(id -> api().post("/v1/edges/" + id + "/drain", adminToken(),
                Api.json(Map.of("reason", "test over"))));
        activeEdges.clear();
    }

    @LocalServerPort
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    protected static String adminToken() {
        try {
            return Files.readString(DATA.resolve("admin-token")).trim();
        } catch (IOException e) {
            throw new AssertionError("the control plane writes the admin token at start-up", e);
        }
    }

    /** A new user with a token of their own, issued by the admin over the API. */
    protected String userToken(String subject) {
        Api.Response issued = api().post("/v1/tokens", adminToken(), Api.json(Map.of("subject", subject)));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.json().get("token").asText();
    }

    protected String createProject(String name, String token) {
        Api.Response created = api().post("/v1/projects", token, Api.json(Map.of("name", name)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static String repository;

    /** A real git repository with one commit on {@code main}, for tests that need any git source. */
    protected static synchronized String gitRepository() {
        if (repository == null) {
            try (TestRepository created = TestRepository.create(Files.createTempDirectory("tasman-it-repo-"))) {
                created.commit("a site", Map.of("index.html", "<h1>hello</h1>"));
                repository = created.url();
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        return repository;
    }

    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
