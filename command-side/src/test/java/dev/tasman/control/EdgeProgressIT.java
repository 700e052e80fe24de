package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.api.deployment.RequestPropagation;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Edges' fetch progress over the real API: only an edge's own token reports it, bad reports are 400s naming
 * the field, and {@code GET /v1/deployments/{id}} shows the latest report per edge while propagating, and
 * none once the deployment went on.
 */
class EdgeProgressIT extends RunningControlPlane {

    @Autowired
    CommandGateway commands;

    ActiveEdge syd;
    ActiveEdge mel;
    String project;

    @BeforeEach
    void twoEdgesAndAProject() {
        syd = activeEdge("syd");
        mel = activeEdge("mel");
        project = unique("progress");
        createProject(project, adminToken());
    }

    @Test
    void givenAPropagatingDeployment_whenEdgesReport_thenTheLatestReportPerEdgeIsShownUntilItIsReady()
            throws Exception {
        String deployment = builtAndPropagated();
        assertThat(show(deployment).get("edgeProgress").isEmpty()).as("no report yet").isTrue();

        assertThat(report(syd.token(), deployment, 4, 1, 4000, 1000).status()).isEqualTo(204);
        assertThat(report(syd.token(), deployment, 4, 3, 4000, 3000).status()).isEqualTo(204);
        assertThat(report(mel.token(), deployment, 4, 0, 4000, 0).status()).isEqualTo(204);

        JsonNode progress = show(deployment).get("edgeProgress");
        assertThat(progress.properties()).extracting(Map.Entry::getKey).containsExactly(mel.id(), syd.id());
        assertThat(progress.get(syd.id()).get("filesTotal").asLong()).isEqualTo(4);
        assertThat(progress.get(syd.id()).get("filesPresent").asLong()).as("the latest report").isEqualTo(3);
        assertThat(progress.get(syd.id()).get("bytesTotal").asLong()).isEqualTo(4000);
        assertThat(progress.get(syd.id()).get("bytesPresent").asLong()).isEqualTo(3000);
        assertThat(progress.get(syd.id()).get("reportedAt").asText()).isNotBlank();
        assertThat(progress.get(mel.id()).get("filesPresent").asLong()).isZero();

        String digest = show(deployment).get("manifestDigest").asText();
        for (ActiveEdge edge : List.of(syd, mel)) {
            assertThat(api().post("/v1/edge/acknowledgements", edge.token(),
                    Api.json(Map.of("deploymentId", deployment, "manifestDigest", digest))).status()).isEqualTo(204);
        }
        JsonNode ready = show(deployment);
        assertThat(ready.get("state").asText()).isNotEqualTo("PROPAGATING");
        assertThat(ready.get("edgeProgress").isEmpty()).as("dropped once no longer propagating").isTrue();
        assertThat(report(syd.token(), deployment, 4, 4, 4000, 4000).status()).as("a late report is no error")
                .isEqualTo(204);
        assertThat(show(deployment).get("edgeProgress").isEmpty()).isTrue();
    }

    @Test
    void givenBadReports_whenPosted_thenRefusedNamingTheFieldOrTheMissingDeploymentOrTheWrongToken()
            throws Exception {
        String deployment = builtAndPropagated();

        assertThat(report(adminToken(), deployment, 1, 0, 1, 0).status()).as("a person's token").isEqualTo(403);
        assertThat(report(userToken(unique("viewer")), deployment, 1, 0, 1, 0).status()).isEqualTo(403);

        assertInvalid(report(syd.token(), deployment, -1, 0, 10, 0), "filesTotal");
        assertInvalid(report(syd.token(), deployment, 2, 0, 10, -5), "bytesPresent");
        assertInvalid(report(syd.token(), deployment, 2, 3, 10, 0), "filesPresent");
        assertInvalid(report(syd.token(), deployment, 2, 1, 10, 11), "bytesPresent");
        assertInvalid(api().post("/v1/edge/progress", syd.token(), Api.json(Map.of("filesTotal", 1))), "deploymentId");

        Api.Response unknown = report(syd.token(), "dpl_nosuchdeployment", 1, 0, 1, 0);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).contains("dpl_nosuchdeployment");

        assertThat(show(deployment).get("edgeProgress").isEmpty()).as("nothing refused was kept").isTrue();
    }

    private void assertInvalid(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("detail").asText()).contains("'" + field + "'");
    }

    private Api.Response report(String token, String deployment, long filesTotal, long filesPresent, long bytesTotal,
            long bytesPresent) {
        return api().post("/v1/edge/progress", token, Api.json(Map.of("deploymentId", deployment,
                "filesTotal", filesTotal, "filesPresent", filesPresent, "bytesTotal", bytesTotal,
                "bytesPresent", bytesPresent)));
    }

    private JsonNode show(String deployment) {
        Api.Response shown = api().get("/v1/deployments/" + deployment, adminToken());
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        return shown.json();
    }

    /** Built for real from a one-page site, then propagated to both edges, as the propagation process would. */
    private String builtAndPropagated() throws Exception {
        var site = SourceTrees.write(Files.createTempDirectory("progress-site"), Map.of("index.html", "<h1>hi</h1>"));
        String deployment = Builds.deployArchive(api(), adminToken(), project, site);
        assertThat(Builds.awaitEnd(api(), adminToken(), deployment, Duration.ofSeconds(60)).get("state").asText())
                .isEqualTo("BUILT");
        commands.sendAndWait(new RequestPropagation(deployment, List.of(mel.id(), syd.id())));
        return deployment;
    }
}
