package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request gets a problem document with a sentence naming what was wrong, and changes nothing. */
class BadInputIT extends RunningControlPlane {

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("POST", "/v1/projects", "{\"name\":", 400, "not valid JSON"),
                Arguments.of("POST", "/v1/projects", "{\"nmae\":\"x\"}", 400, "unknown field 'nmae'"),
                Arguments.of("POST", "/v1/projects", "{\"name\":[1]}", 400, "'name' must be a string"),
                Arguments.of("POST", "/v1/projects", "{}", 400, "'name' is required"),
                Arguments.of("POST", "/v1/projects", null, 400, "needs a JSON body"),
                Arguments.of("POST", "/v1/projects", "{\"name\":\"Not A Name\"}", 400, "'name' must be 1-63 lowercase"),
                Arguments.of("GET", "/v1/projects?limit=0", null, 400, "'limit' must be between 1 and 200"),
                Arguments.of("GET", "/v1/projects?limit=abc", null, 400, "Parameter 'limit' must be a number"),
                Arguments.of("GET", "/v1/projects/no-such-project", null, 404, "There is no project 'no-such-project'"),
                Arguments.of("GET", "/v1/deployments/dpl_missing", null, 404, "There is no deployment dpl_missing"),
                Arguments.of("GET", "/v1/no-such-endpoint", null, 404, "There is no endpoint GET /v1/no-such-endpoint"),
                Arguments.of("DELETE", "/v1/projects", null, 405, "'DELETE' is not supported"),
                Arguments.of("POST", "/v1/edges", "{\"id\":\"Sydney!\",\"region\":\"au\",\"url\":\"http://x\"}", 400,
                        "'id' must be 1-32 lowercase"),
                Arguments.of("POST", "/v1/edges", "{\"id\":\"zz1\",\"region\":\"au\",\"url\":\"ftp://x\"}", 400,
                        "'url' must be an http(s) URL"),
                Arguments.of("PUT", "/v1/projects/%s/members/x", "{\"role\":\"king\"}", 400,
                        "'role' must be one of: viewer, deployer, owner"),
                Arguments.of("POST", "/v1/projects/%s/domains", "{\"domain\":\"no_dots\"}", 400, "must be a host name"),
                Arguments.of("POST", "/v1/projects/%s/domains", "{\"domain\":\"x.localhost\"}", 400,
                        "platform's own"),
                Arguments.of("PUT", "/v1/projects/%s/env/1BAD", "{\"value\":\"v\"}", 400, "'name' must be a variable name"),
                Arguments.of("PUT", "/v1/projects/%s/env/TASMAN_X", "{\"value\":\"v\"}", 400, "reserved"),
                Arguments.of("PUT", "/v1/projects/%s/build-settings", "{\"outputDirectory\":\"../etc\"}", 400,
                        "relative path"),
                Arguments.of("POST", "/v1/projects/%s/deployments", "{\"git\":\"not a url\"}", 400,
                        "'git' must be a repository URL"),
                Arguments.of("POST", "/v1/projects/%s/deployments", "{\"git\":\"file:///x\",\"target\":\"staging\"}", 400,
                        "'target' must be one of: production, preview"),
                Arguments.of("GET", "/v1/projects/%s/deployments?state=sleeping", null, 400, "'state' must be one of"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("badRequests")
    void badRequestGetsAProblemDocumentNamingTheFault(String method, String path, String body, int status,
            String detail) {
        String project = unique("bad");
        createProject(project, adminToken());

        Api.Response response = api().send(method, path.formatted(project), adminToken(), body, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(detail);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.tasman");
    }

    @Test
    void projectRefusedForBadSettingsLeavesNothingBehindNotEvenItsName() {
        String name = unique("atomic");

        Api.Response refused = api().post("/v1/projects", adminToken(),
                Api.json(Map.of("name", name, "buildSettings", Map.of("outputDirectory", "/etc"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from project_name_claim where name = ?", Integer.class, name))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where payload like ?", Integer.class,
                "%\"" + name + "\"%")).isZero();
        assertThat(api().post("/v1/projects", adminToken(), Api.json(Map.of("name", name))).status()).isEqualTo(201);
    }

    @Test
    void edgeRegistrationIsAllOrNothing() {
        Api.Response refused = api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", "half", "region", "BAD REGION", "url", "http://127.0.0.1:1")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(api().get("/v1/edges/half", adminToken()).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from api_token_view where edge_id = 'half'", Integer.class))
                .isZero();
    }
}
