package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.api.deployment.BuildClaimed;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.EdgeAcknowledged;
import dev.tasman.api.deployment.PropagationRequested;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.SealedSecret;
import dev.tasman.query.replay.Checksum;
import dev.tasman.query.replay.Generations;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replay rebuilds the dashboard from the event store into a new generation while the current one keeps
 * answering, then switches in one step; the rebuilt content is the same, row for row (invariant 5).
 */
class ReplayIT extends RunningQuerySide {

    private static final String REPLAY = "/v1/admin/replay/dashboard";

    @Autowired
    private DataSource dataSource;

    @Autowired
    private Generations generations;

    @Test
    void aReplayRebuildsTheSameContentWhileTheCurrentOneServesAndThenSwitches() {
        Platform.Project project = history(100);
        String before = new Checksum(dataSource).of(generations.model("dashboard"));
        int active = api().get(REPLAY, admin()).json().path("activeGeneration").asInt();

        Api.Response started = api().post(REPLAY, admin());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.json().path("state").asText()).isEqualTo("RUNNING");
        assertThat(started.json().path("generation").asInt()).isEqualTo(active + 1);
        Api.Response again = api().post(REPLAY, admin());
        assertProblem(again, 409, null);
        assertThat(again.json().path("detail").asText()).contains("already running");
        assertThat(api().get("/v1/dashboard/projects/" + project.name(), admin()).status())
                .as("the current generation answers during the replay").isEqualTo(200);

        JsonNode finished = eventuallyGet(REPLAY, admin(), r -> r.json().path("state").asText().equals("FINISHED"))
                .json();
        assertThat(finished.path("activeGeneration").asInt()).isEqualTo(active + 1);
        assertThat(finished.path("positionReached").asLong()).isGreaterThanOrEqualTo(platform().events().head());
        assertThat(finished.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(finished.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(finished.path("startedAt").asText()).isNotBlank();
        assertThat(finished.path("finishedAt").asText()).isNotBlank();
        assertThat(new Checksum(dataSource).of(generations.model("dashboard"))).isEqualTo(before);
        System.out.printf("replayed %d events at %.0f events/s%n", finished.path("positionReached").asLong(),
                finished.path("eventsPerSecond").asDouble());

        eventually(() -> jdbc.queryForObject("select count(*) from information_schema.schemata where schema_name = ?",
                Integer.class, "query_dashboard_" + active), count -> count == 0);
        assertThat(jdbc.queryForObject("select count(*) from query.token_entry where processorname = ?",
                Integer.class, "dashboard@" + active)).isZero();
    }

    @Test
    void eventsRecordedDuringAReplayAreInTheGenerationItSwitchesTo() {
        Platform.Project project = history(20);
        Api.Response started = api().post(REPLAY, admin());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String domain = "during." + project.name() + ".example.com";
        platform().events().append(project.id(), new DomainAdded(project.id(), domain), "alice");

        eventuallyGet(REPLAY, admin(), r -> r.json().path("state").asText().equals("FINISHED"));

        JsonNode shown = eventuallyGet("/v1/dashboard/projects/" + project.name(), admin(),
                r -> r.json().path("domains").size() == 2).json();
        assertThat(Api.texts(shown.path("domains"), "domain")).contains(domain);
    }

    /**
     * A project with {@code deployments} deployments that went live one after the other, plus variables and
     * domains; waits until the dashboard shows all of it.
     */
    private Platform.Project history(int deployments) {
        Platform platform = platform();
        StoredEvents events = platform.events();
        Platform.Project project = platform.project("alice");
        String edge = platform.activeEdge(Platform.unique("e"));
        events.appendAll(project.id(), List.of(new DomainAdded(project.id(), project.name() + ".example.com"),
                new EnvironmentVariableSet(project.id(), "API_KEY", new SealedSecret("k1", "c2VjcmV0"))), "alice");
        String previous = null;
        for (int i = 0; i < deployments; i++) {
            String deployment = Platform.id("dpl_");
            List<Object> flow = new ArrayList<>(List.of(
                    new BuildStarted(deployment, project.id(), DeploymentTarget.PRODUCTION,
                            new SourceRef("git", "https://git.example.com/x.git", "main", "abc" + i)),
                    new BuildClaimed(deployment, project.id(), "worker"),
                    new BuildSucceeded(deployment, project.id(), Platform.DIGEST, i, i * 10L),
                    new PropagationRequested(deployment, project.id(), Platform.DIGEST, List.of(edge)),
                    new EdgeAcknowledged(deployment, project.id(), edge, Platform.DIGEST),
                    new DeploymentReady(deployment, project.id(), DeploymentTarget.PRODUCTION, List.of(edge))));
            events.appendAll(deployment, flow, "alice");
            platform.live(project, deployment, previous);
            previous = deployment;
        }
        String last = previous;
        eventuallyGet("/v1/dashboard/projects/" + project.name(), admin(),
                r -> r.json().path("liveDeploymentId").asText().equals(last));
        return project;
    }
}
