package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.access.TokenKind;
import dev.tasman.api.access.TokenRevoked;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.ProjectRoleGranted;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint with no token (401), an edge token (403), a person who holds no role in the project (404 for
 * what belongs to it, 403 for admin-only things) and a caller allowed to (the exact status, so a check that lets
 * everyone through, or no one, fails here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixIT extends RunningQuerySide {

    enum Who { ADMIN, OWNER, VIEWER, STRANGER, EDGE }

    /** @param stranger what a person with no role in the project gets; @param allowed who gets 200 */
    record Case(String name, String method, String path, int stranger, Who allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<Who, String> tokens = new EnumMap<>(Who.class);
    private Platform.Project project;
    private String deployment;

    @BeforeAll
    void everyone() {
        Platform platform = platform();
        String owner = Platform.unique("owner");
        String viewer = Platform.unique("viewer");
        project = platform.project(owner);
        platform.events().append(project.id(), new ProjectRoleGranted(project.id(), viewer, ProjectRole.VIEWER), owner);
        String edge = platform.activeEdge(Platform.unique("edge"));
        deployment = platform.deployed(project, owner, List.of(edge), null);
        tokens.put(Who.ADMIN, admin());
        tokens.put(Who.OWNER, user(owner));
        tokens.put(Who.VIEWER, user(viewer));
        tokens.put(Who.STRANGER, user(Platform.unique("stranger")));
        tokens.put(Who.EDGE, token("edge:" + edge, TokenKind.EDGE, edge));
        eventuallyGet("/v1/dashboard/deployments/" + deployment, tokens.get(Who.VIEWER),
                r -> r.json().path("state").asText().equals("LIVE"));
    }

    Stream<Case> cases() {
        String p = "/v1/dashboard/projects/" + project.name();
        return Stream.of(
                new Case("list projects", "GET", "/v1/dashboard/projects", 200, Who.VIEWER),
                new Case("show project", "GET", p, 404, Who.VIEWER),
                new Case("list deployments", "GET", p + "/deployments", 404, Who.VIEWER),
                new Case("show deployment", "GET", "/v1/dashboard/deployments/" + deployment, 404, Who.VIEWER),
                new Case("deployment progress", "GET", "/v1/dashboard/deployments/" + deployment + "/events", 404,
                        Who.VIEWER),
                new Case("list edges", "GET", "/v1/dashboard/edges", 200, Who.VIEWER),
                new Case("activity", "GET", "/v1/dashboard/activity", 200, Who.VIEWER),
                new Case("project activity", "GET", "/v1/dashboard/activity?project=" + project.id(), 404, Who.VIEWER),
                new Case("project audit trail", "GET", "/v1/audit?project=" + project.name(), 404, Who.OWNER),
                new Case("whole audit trail", "GET", "/v1/audit", 403, Who.ADMIN),
                new Case("replay progress", "GET", "/v1/admin/replay/dashboard", 403, Who.ADMIN),
                new Case("metrics", "GET", "/actuator/prometheus", 403, Who.ADMIN),
                new Case("project logs", "GET", "/v1/logs?project=" + project.name(), 404, Who.ADMIN),
                new Case("logs", "GET", "/v1/logs", 200, Who.ADMIN),
                new Case("project request metrics", "GET", "/v1/metrics?project=" + project.id(), 404, Who.ADMIN),
                new Case("request metrics", "GET", "/v1/metrics", 200, Who.ADMIN));
    }

    @ParameterizedTest(name = "{0}: no token -> 401")
    @MethodSource("cases")
    void withoutATokenEveryEndpointAnswers401(Case c) {
        Api.Response response = api().send(c.method(), c.path(), null, Map.of());

        assertProblem(response, 401, null);
    }

    @ParameterizedTest(name = "{0}: edge token -> 403")
    @MethodSource("cases")
    void edgeTokensReachNothingOnTheQuerySide(Case c) {
        assertProblem(api().send(c.method(), c.path(), tokens.get(Who.EDGE), Map.of()), 403, null);
    }

    @ParameterizedTest(name = "{0}: no role in the project")
    @MethodSource("cases")
    void aPersonWithoutARoleSeesNothingOfTheProject(Case c) {
        Api.Response response = api().send(c.method(), c.path(), tokens.get(Who.STRANGER), Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(c.stranger());
        if (c.stranger() == 200) {
            assertThat(response.body()).doesNotContain(project.id());
        }
    }

    @ParameterizedTest(name = "{0}: allowed -> 200")
    @MethodSource("cases")
    void theRightCallerIsAnswered(Case c) {
        Api.Response response = api().send(c.method(), c.path(), tokens.get(c.allowed()), Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        if (c.allowed() == Who.VIEWER && !c.path().endsWith("/edges")) {
            assertThat(response.body()).contains(project.id());
        }
    }

    @Test
    void theProjectsAuditTrailNeedsTheOwnerRoleNotJustAnyRole() {
        Api.Response response = api().get("/v1/audit?project=" + project.name(), tokens.get(Who.VIEWER));

        assertProblem(response, 403, null);
        assertThat(response.json().path("detail").asText()).contains("owner");
    }

    @Test
    void onlyAdminsStartAReplay() {
        assertProblem(api().post("/v1/admin/replay/dashboard", null), 401, null);
        assertProblem(api().post("/v1/admin/replay/dashboard", tokens.get(Who.OWNER)), 403, null);
        assertProblem(api().post("/v1/admin/replay/dashboard", tokens.get(Who.EDGE)), 403, null);
    }

    @Test
    void anUnknownOrRevokedTokenAnswers401AndHealthAndTheApiDescriptionArePublic() {
        assertProblem(api().get("/v1/dashboard/projects", "tsm_not-a-token"), 401, null);
        Platform platform = platform();
        String subject = Platform.unique("leaver");
        String token = user(subject);
        String tokenId = jdbc.queryForObject("select token_id from query.api_token where subject = ?", String.class,
                subject);
        platform.events().append(tokenId, new TokenRevoked(tokenId, subject), "admin");
        eventually(() -> api().get("/v1/dashboard/projects", token).status(), status -> status == 401);

        assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
        Api.Response description = api().get("/v3/api-docs", null);
        assertThat(description.status()).isEqualTo(200);
        assertThat(description.body()).contains("/v1/dashboard/projects", "/v1/audit", "/v1/admin/replay/{readModel}");
    }
}
