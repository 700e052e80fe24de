package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.deployment.RequestPropagation;
import dev.tasman.api.project.CutoverRouting;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The routing rules over the real API: routing only ever points at a deployment every required edge
 * acknowledged, acknowledgements are idempotent and checked, and rollback only moves routing.
 * Builds and propagation are driven through the command gateway, as the build workers and the
 * propagation process will drive them.
 */
class RoutingIT extends RunningControlPlane {

    private static final String WRONG_DIGEST = "sha256:" + "2".repeat(64);

    @Autowired
    CommandGateway commands;

    /** A deployment that really built, with the digest of its signed manifest. */
    record Built(String id, String digest) {
    }

    String project;
    String syd;
    String mel;
    String sydToken;
    String melToken;

    @BeforeEach
    void twoEdgesAndAProject() {
        String suffix = Long.toString(System.nanoTime(), 36);
        syd = "syd" + suffix;
        mel = "mel" + suffix;
        sydToken = registerActiveEdge(syd);
        melToken = registerActiveEdge(mel);
        project = unique("routed");
        createProject(project, adminToken());
    }

    @Test
    void deploymentGoesLiveOnlyAfterEveryRequiredEdgeAcknowledged() throws Exception {
        Built built = builtAndPropagated(1);
        String v1 = built.id();

        assertThat(acknowledge(sydToken, v1, built.digest())).isEqualTo(204);
        Api.Response early = api().post("/v1/projects/" + project + "/promote", adminToken(),
                Api.json(Map.of("deploymentId", v1)));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asText()).contains("waiting for " + mel);
        assertThat(deployment(v1).get("state")).isEqualTo("PROPAGATING");

        assertThat(acknowledge(melToken, v1, built.digest())).isEqualTo(204);
        assertThat(deployment(v1).get("state")).isEqualTo("READY");
        Api.Response unreported = api().post("/v1/projects/" + project + "/promote", adminToken(),
                Api.json(Map.of("deploymentId", v1)));
        assertThat(unreported.status()).as("a promote trusts holdings reports, not old acknowledgements").isEqualTo(409);
        reportHoldings(sydToken, List.of(v1));
        reportHoldings(melToken, List.of(v1));
        Api.Response promoted = api().post("/v1/projects/" + project + "/promote", adminToken(),
                Api.json(Map.of("deploymentId", v1)));

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().get("liveDeploymentId").asText()).isEqualTo(v1);
        assertThat(deployment(v1).get("state")).isEqualTo("LIVE");
    }

    @Test
    void acknowledgementIsIdempotentAndRefusedForWrongDigestUnaskedOrDrainedEdges() throws Exception {
        Built built = builtAndPropagated(1);
        String v1 = built.id();
        String outsider = "out" + Long.toString(System.nanoTime(), 36);
        String outsiderToken = registerActiveEdge(outsider);

        assertThat(acknowledge(sydToken, v1, built.digest())).isEqualTo(204);
        assertThat(acknowledge(sydToken, v1, built.digest())).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ? "
                + "and payloadtype like '%EdgeAcknowledged'", Integer.class, v1)).isEqualTo(1);

        assertThat(acknowledge(melToken, v1, WRONG_DIGEST)).isEqualTo(409);
        assertThat(acknowledge(outsiderToken, v1, built.digest())).isEqualTo(409);
        assertThat(deployment(v1).get("state")).isEqualTo("PROPAGATING");
    }

    @Test
    void drainingTheEdgeAPropagationWaitsForLetsItGoLiveAndRefusesThatEdgesAcknowledgement() throws Exception {
        Built built = builtAndPropagated(1);
        String v1 = built.id();
        acknowledge(sydToken, v1, built.digest());

        api().post("/v1/edges/" + mel + "/drain", adminToken(), Api.json(Map.of("reason", "link down")));

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!deployment(v1).get("state").equals("READY") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(deployment(v1).get("state")).as("released by the drain").isEqualTo("READY");
        assertThat(jdbc.queryForObject("select payload::jsonb ->> 'reason' from domainevententry where "
                + "aggregateidentifier = ? and payloadtype like '%RequiredEdgeDropped'", String.class, v1))
                .contains("link down");
        assertThat(acknowledge(melToken, v1, built.digest())).isEqualTo(409);
        reportHoldings(sydToken, List.of(v1));
        assertThat(api().post("/v1/projects/" + project + "/promote", adminToken(),
                Api.json(Map.of("deploymentId", v1))).status()).isEqualTo(200);
    }

    @Test
    void rollbackMovesRoutingBackWithoutRedistributingAnything() throws Exception {
        String v1 = live(1).id();
        String v2 = live(2).id();
        assertThat(deployment(v1).get("state")).isEqualTo("SUPERSEDED");
        long positionBefore = jdbc.queryForObject("select max(globalindex) from domainevententry", Long.class);

        Api.Response rolledBack = api().post("/v1/projects/" + project + "/rollback", adminToken(), null);

        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.json().get("liveDeploymentId").asText()).isEqualTo(v1);
        assertThat(deployment(v1).get("state")).isEqualTo("LIVE");
        assertThat(deployment(v2).get("state")).isEqualTo("SUPERSEDED");
        // everything this project's rollback changed (other tests' builds may be writing meanwhile)
        List<String> newEvents = jdbc.queryForList("select payloadtype from domainevententry where globalindex > ? "
                + "and payload::jsonb ->> 'projectId' = ? order by globalindex", String.class, positionBefore, projectId());
        assertThat(newEvents).containsExactly("dev.tasman.api.project.RoutingCutOver");
        assertThat(jdbc.queryForObject("select payload::jsonb ->> 'reason' from domainevententry "
                + "where aggregateidentifier = ? order by sequencenumber desc limit 1", String.class,
                projectId())).isEqualTo("ROLLBACK");

        Api.Response forward = api().post("/v1/projects/" + project + "/rollback", adminToken(),
                Api.json(Map.of("deploymentId", v2)));
        assertThat(forward.json().get("liveDeploymentId").asText()).isEqualTo(v2);
    }

    @Test
    void rollbackIsRefusedNamingTheEdgeWhenAnActiveEdgeNoLongerHoldsTheTarget() throws Exception {
        String v1 = live(1).id();
        String v2 = live(2).id();
        reportHoldings(melToken, List.of(v2)); // mel evicted v1

        Api.Response refused = api().post("/v1/projects/" + project + "/rollback", adminToken(), null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("missing on " + mel).doesNotContain(syd);
        assertThat(api().get("/v1/projects/" + project, adminToken()).json().get("liveDeploymentId").asText())
                .isEqualTo(v2);
        assertThat(api().get("/v1/edges/" + mel, adminToken()).json().get("holdings").toString())
                .isEqualTo("[\"" + v2 + "\"]");
    }

    @Test
    void rollbackIsRefusedWithAReasonWhenThereIsNothingToRollBackTo() throws Exception {
        Api.Response nothingLive = api().post("/v1/projects/" + project + "/rollback", adminToken(), null);
        assertThat(nothingLive.status()).isEqualTo(409);
        assertThat(nothingLive.json().get("detail").asText()).contains("Nothing is live");

        String v1 = live(1).id();
        Api.Response noEarlier = api().post("/v1/projects/" + project + "/rollback", adminToken(), null);
        assertThat(noEarlier.status()).isEqualTo(409);
        assertThat(noEarlier.json().get("detail").asText()).contains("no earlier deployment");

        String notReady = builtAndPropagated(2).id();
        Api.Response toUnready = api().post("/v1/projects/" + project + "/rollback", adminToken(),
                Api.json(Map.of("deploymentId", notReady)));
        assertThat(toUnready.status()).isEqualTo(409);
        assertThat(toUnready.json().get("detail").asText()).contains("not held by every edge");
        assertThat(api().get("/v1/projects/" + project, adminToken()).json().get("liveDeploymentId").asText())
                .isEqualTo(v1);
    }

    @Test
    void cutoverToAnotherProjectsDeploymentIsRefused() throws Exception {
        String other = unique("other");
        createProject(other, adminToken());
        String v1 = live(1).id();

        Api.Response stolen = api().post("/v1/projects/" + other + "/promote", adminToken(),
                Api.json(Map.of("deploymentId", v1)));

        assertThat(stolen.status()).isEqualTo(404);
    }

    private final List<String> held = new java.util.ArrayList<>();

    /** Live on both edges, which then report it among their holdings, as real edges do. */
    private Built live(int version) throws Exception {
        Built deployment = builtAndPropagated(version);
        acknowledge(sydToken, deployment.id(), deployment.digest());
        acknowledge(melToken, deployment.id(), deployment.digest());
        held.add(deployment.id());
        reportHoldings(sydToken, held);
        reportHoldings(melToken, held);
        commands.sendAndWait(new CutoverRouting(projectId(), deployment.id()));
        return deployment;
    }

    /** Built for real from a one-page site, then propagated to both edges, as the propagation process will. */
    private Built builtAndPropagated(int version) throws Exception {
        java.nio.file.Path site = SourceTrees.write(java.nio.file.Files.createTempDirectory("routed-site"),
                Map.of("index.html", "<h1>version " + version + "</h1>"));
        String deployment = Builds.deployArchive(api(), adminToken(), project, site);
        assertThat(Builds.awaitEnd(api(), adminToken(), deployment, java.time.Duration.ofSeconds(60))
                .get("state").asText()).isEqualTo("BUILT");
        String digest = api().get("/v1/deployments/" + deployment, adminToken()).json().get("manifestDigest").asText();
        commands.sendAndWait(new RequestPropagation(deployment, List.of(mel, syd)));
        return new Built(deployment, digest);
    }

    private int acknowledge(String edgeToken, String deployment, String digest) {
        return api().post("/v1/edge/acknowledgements", edgeToken,
                Api.json(Map.of("deploymentId", deployment, "manifestDigest", digest))).status();
    }

    private Map<String, String> deployment(String id) {
        var node = api().get("/v1/deployments/" + id, adminToken()).json();
        return Map.of("state", node.get("state").asText());
    }

    private String projectId() {
        return api().get("/v1/projects/" + project, adminToken()).json().get("id").asText();
    }

}
