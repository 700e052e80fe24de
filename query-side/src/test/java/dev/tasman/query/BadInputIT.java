package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A malformed parameter answers 400 problem+json naming it, with a sentence saying what it accepts. */
class BadInputIT extends RunningQuerySide {

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "/v1/dashboard/projects?limit=0                  | limit",
        "/v1/dashboard/projects?limit=101                | limit",
        "/v1/dashboard/projects?limit=many               | limit",
        "/v1/dashboard/projects?cursor=not-a-cursor      | cursor",
        "/v1/dashboard/projects?q=Not%20OK               | q",
        "/v1/dashboard/edges?state=sleeping              | state",
        "/v1/dashboard/activity?cursor=MTpub3BlCg        | cursor",
        "/v1/dashboard/activity?type=Project%20Created   | type",
        "/v1/dashboard/activity?actor=%22%3B             | actor",
        "/v1/audit?from=yesterday                        | from",
        "/v1/audit?to=2026-13-01T00:00:00Z               | to",
        "/v1/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
        "/v1/audit?after=-1                              | after",
        "/v1/audit?after=last                            | after",
        "/v1/audit?limit=501                             | limit",
        "/v1/audit?format=xml                            | format",
        "/v1/audit?type=..                               | type",
        "/v1/logs?limit=0                                | limit",
        "/v1/logs?limit=501                              | limit",
        "/v1/logs?kind=metrics                           | kind",
        "/v1/logs?status=abc                             | status",
        "/v1/logs?status=404,6xx                         | status",
        "/v1/logs?from=yesterday                         | from",
        "/v1/logs?to=2026-13-01T00:00:00Z                | to",
        "/v1/logs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
        "/v1/logs?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z | from",
        "/v1/logs?cursor=not-a-cursor                    | cursor",
        "/v1/logs?cursor=MTpub3BlCg                      | cursor",
        "/v1/logs?edge=%22%3B                            | edge",
        "/v1/logs?deployment=%22%3B                      | deployment",
        "/v1/metrics?interval=2m                         | interval",
        "/v1/metrics?from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z | interval",
        "/v1/metrics?to=soon                             | to",
        "/v1/metrics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z | from",
        "/v1/metrics?edge=%22%3B                         | edge",
    })
    void aBadParameterIsNamed(String path, String field) {
        Api.Response response = api().get(path, admin());

        assertProblem(response, 400, field);
        assertThat(response.json().path("detail").asText()).contains(field);
    }

    @Test
    void aBadDeploymentStateFilterListsTheStatesThereAre() {
        Platform.Project project = platform().project("ops");
        Api.Response response = eventually(() -> api().get("/v1/dashboard/projects/" + project.name()
                + "/deployments?state=live,done", admin()), r -> r.status() != 404);

        assertProblem(response, 400, "state");
        assertThat(response.json().path("detail").asText()).contains("'done'", "queued", "superseded", "stalled");
    }

    @Test
    void anUnknownKindOrIntervalListsTheOnesThereAre() {
        assertThat(api().get("/v1/logs?kind=build,metrics", admin()).json().path("detail").asText())
                .contains("'metrics'", "build", "timeline", "request");
        assertThat(api().get("/v1/metrics?interval=2m", admin()).json().path("detail").asText())
                .contains("'2m'", "1m", "5m", "1h");
    }

    @Test
    void anUnknownReadModelIsNotFoundAndTheAnswerNamesTheOnesThereAre() {
        Api.Response response = api().post("/v1/admin/replay/dashbord", admin());

        assertProblem(response, 404, null);
        assertThat(response.json().path("detail").asText()).contains("'dashbord'", "dashboard");
        assertProblem(api().get("/v1/admin/replay/dashbord", admin()), 404, null);
    }

    @Test
    void unknownThingsAnswer404ProblemsWithoutStackTraces() {
        assertProblem(api().get("/v1/dashboard/projects/no-such-project", admin()), 404, null);
        assertProblem(api().get("/v1/dashboard/deployments/dpl_none", admin()), 404, null);
        assertProblem(api().get("/v1/dashboard/activity?project=no-such-project", admin()), 404, null);
        assertProblem(api().get("/v1/nothing-here", admin()), 404, null);
        Api.Response wrongMethod = api().send("DELETE", "/v1/dashboard/projects", admin(), Map.of());
        assertProblem(wrongMethod, 405, null);
    }
}
