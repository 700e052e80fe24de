package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each endpoint family with no token (401), a token whose role is too small (403) and the right role
 * (whatever the endpoint then answers, but never 401/403). The right-role status is asserted exactly,
 * so a check that lets everyone through, or no one, fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixIT extends RunningControlPlane {

    enum Who { ADMIN, OWNER, DEPLOYER, VIEWER, EDGE }

    record Case(String name, String method, String path, String body, Who wrong, Who right, int rightStatus) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<Who, String> tokens = new java.util.EnumMap<>(Who.class);
    private String project;
    private String edge;

    @BeforeAll
    void roles() {
        tokens.put(Who.ADMIN, adminToken());
        String owner = unique("owner");
        tokens.put(Who.OWNER, userToken(owner));
        project = unique("guarded");
        createProject(project, tokens.get(Who.OWNER));
        for (Who who : List.of(Who.DEPLOYER, Who.VIEWER)) {
            String subject = unique(who.name().toLowerCase());
            tokens.put(who, userToken(subject));
            api().put("/v1/projects/" + project + "/members/" + subject, tokens.get(Who.OWNER),
                    Api.json(Map.of("role", who.name().toLowerCase())));
        }
        edge = "auth" + Long.toString(System.nanoTime(), 36);
        tokens.put(Who.EDGE, api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", edge, "region", "test", "url", "http://127.0.0.1:9"))).json().get("token").asText());
    }

    Stream<Case> cases() {
        String p = "/v1/projects/" + project;
        return Stream.of(
                new Case("read project", "GET", p, null, Who.EDGE, Who.VIEWER, 200),
                new Case("build settings", "PUT", p + "/build-settings", "{\"buildCommand\":\"make\"}", Who.DEPLOYER, Who.OWNER, 200),
                new Case("set variable", "PUT", p + "/env/KEY", "{\"value\":\"v\"}", Who.DEPLOYER, Who.OWNER, 200),
                new Case("list variables", "GET", p + "/env", null, Who.EDGE, Who.VIEWER, 200),
                new Case("add domain", "POST", p + "/domains", "{\"domain\":\"" + project + ".example.com\"}", Who.DEPLOYER, Who.OWNER, 201),
                new Case("grant role", "PUT", p + "/members/newcomer", "{\"role\":\"viewer\"}", Who.DEPLOYER, Who.OWNER, 200),
                new Case("project events", "GET", p + "/events", null, Who.DEPLOYER, Who.OWNER, 200),
                new Case("create deployment", "POST", p + "/deployments", "{\"git\":\"" + gitRepository() + "\"}", Who.VIEWER, Who.DEPLOYER, 202),
                new Case("list deployments", "GET", p + "/deployments", null, Who.EDGE, Who.VIEWER, 200),
                new Case("rollback", "POST", p + "/rollback", null, Who.VIEWER, Who.DEPLOYER, 409),
                new Case("promote", "POST", p + "/promote", "{\"deploymentId\":\"dpl_none\"}", Who.VIEWER, Who.DEPLOYER, 404),
                new Case("list edges", "GET", "/v1/edges", null, Who.EDGE, Who.VIEWER, 200),
                new Case("register edge", "POST", "/v1/edges", "{\"id\":\"m" + edge + "\",\"region\":\"r\",\"url\":\"http://127.0.0.1:9\"}", Who.OWNER, Who.ADMIN, 201),
                new Case("drain edge", "POST", "/v1/edges/" + edge + "/drain", null, Who.OWNER, Who.ADMIN, 200),
                new Case("edge acknowledgement", "POST", "/v1/edge/acknowledgements", "{\"deploymentId\":\"dpl_x\",\"manifestDigest\":\"sha256:" + "0".repeat(64) + "\"}", Who.ADMIN, Who.EDGE, 404),
                new Case("edge progress", "POST", "/v1/edge/progress", "{\"deploymentId\":\"dpl_x\",\"filesTotal\":1,\"filesPresent\":0,\"bytesTotal\":1,\"bytesPresent\":0}", Who.ADMIN, Who.EDGE, 404),
                new Case("issue admin token", "POST", "/v1/tokens", "{\"admin\":true,\"subject\":\"ops\"}", Who.OWNER, Who.ADMIN, 201),
                new Case("metrics", "GET", "/actuator/prometheus", null, Who.OWNER, Who.ADMIN, 200));
    }

    @ParameterizedTest(name = "{0}: no token -> 401")
    @MethodSource("cases")
    void withoutATokenEveryEndpointAnswers401(Case c) {
        Api.Response response = api().send(c.method(), c.path(), null, c.body(), Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api().send(c.method(), c.path(), "tsm_forged", c.body(), Map.of()).status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}: {4} -> 403")
    @MethodSource("cases")
    void aTooSmallRoleAnswers403(Case c) {
        Api.Response response = api().send(c.method(), c.path(), tokens.get(c.wrong()), c.body(), Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0}: {5} -> {6}")
    @MethodSource("cases")
    void theRightRoleIsLetThrough(Case c) {
        Api.Response response = api().send(c.method(), c.path(), tokens.get(c.right()), c.body(), Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(c.rightStatus());
    }

    @Test
    void someoneWithNoRoleInAProjectIsToldItDoesNotExist() {
        String outsider = userToken(unique("outsider"));

        Api.Response response = api().get("/v1/projects/" + project, outsider);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).contains("There is no project");
    }
}
