package dev.tasman.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectLifecycleIT extends RunningControlPlane {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void openApiDescriptionIsServedWithoutATokenAndDescribesTheApi() {
        Api.Response docs = api().get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/v1/projects")).isTrue();
        assertThat(docs.json().get("paths").has("/v1/projects/{project}/rollback")).isTrue();
        assertThat(docs.json().get("components").get("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void createdProjectReadsBackByIdAndByName() {
        String name = unique("site");
        String id = createProject(name, adminToken());

        JsonNode byId = api().get("/v1/projects/" + id, adminToken()).json();
        JsonNode byName = api().get("/v1/projects/" + name, adminToken()).json();

        assertThat(byId.get("name").asText()).isEqualTo(name);
        assertThat(byId.get("owner").asText()).isEqualTo("admin");
        assertThat(byName).isEqualTo(byId);
    }

    @Test
    void eventRowHoldsReadableJsonPayloadAndTheRequestsMetadata() throws Exception {
        String name = unique("audited");
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Api.Response created = api().send("POST", "/v1/projects", adminToken(), Api.json(Map.of("name", name)),
                Map.of("X-Correlation-Id", "req-42", "traceparent", traceparent));
        String id = created.json().get("id").asText();

        Map<String, Object> row = jdbc.queryForMap("select payloadtype, payloadrevision, payload, metadata "
                + "from domainevententry where aggregateidentifier = ? and sequencenumber = 0", id);

        assertThat(row.get("payloadtype")).isEqualTo("dev.tasman.api.project.ProjectCreated");
        assertThat(row.get("payloadrevision")).isEqualTo("1");
        JsonNode payload = json.readTree((String) row.get("payload"));
        assertThat(payload.get("projectId").asText()).isEqualTo(id);
        assertThat(payload.get("name").asText()).isEqualTo(name);
        JsonNode metadata = json.readTree((String) row.get("metadata"));
        assertThat(metadata.get("actor").asText()).isEqualTo("admin");
        assertThat(metadata.get("correlationId").asText()).isEqualTo("req-42");
        assertThat(metadata.get("causationId").asText()).isNotBlank().isNotEqualTo("req-42");
        assertThat(metadata.get("traceparent").asText()).isEqualTo(traceparent);
        // and PostgreSQL itself reads it as JSON
        assertThat(jdbc.queryForObject("select payload::jsonb ->> 'name' from domainevententry "
                + "where aggregateidentifier = ? and sequencenumber = 0", String.class, id)).isEqualTo(name);
    }

    @Test
    void projectEventsEndpointListsTheStoredEventsWithTheirMetadata() {
        String name = unique("events");
        createProject(name, adminToken());
        api().post("/v1/projects/" + name + "/domains", adminToken(), Api.json(Map.of("domain", name + ".example.com")));

        JsonNode events = api().get("/v1/projects/" + name + "/events", adminToken()).json();

        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("type").asText()).isEqualTo("ProjectCreated");
        assertThat(events.get(1).get("type").asText()).isEqualTo("DomainAdded");
        assertThat(events.get(1).get("payload").get("domain").asText()).isEqualTo(name + ".example.com");
        assertThat(events.get(1).get("metadata").get("actor").asText()).isEqualTo("admin");
        assertThat(events.get(1).get("position").asLong()).isGreaterThan(events.get(0).get("position").asLong());
    }

    @Test
    void buildSettingsMembersAndDomainsRoundTrip() {
        String name = unique("settings");
        createProject(name, adminToken());
        String alice = unique("alice");
        userToken(alice);

        Api.Response settings = api().put("/v1/projects/" + name + "/build-settings", adminToken(),
                Api.json(Map.of("installCommand", "npm ci", "buildCommand", "npm run build", "outputDirectory", "dist")));
        Api.Response member = api().put("/v1/projects/" + name + "/members/" + alice, adminToken(),
                Api.json(Map.of("role", "deployer")));
        Api.Response domain = api().post("/v1/projects/" + name + "/domains", adminToken(),
                Api.json(Map.of("domain", "WWW." + name + ".example.org")));

        assertThat(settings.status()).isEqualTo(200);
        assertThat(member.status()).isEqualTo(200);
        assertThat(domain.status()).isEqualTo(201);
        JsonNode project = api().get("/v1/projects/" + name, adminToken()).json();
        assertThat(project.get("buildSettings").get("outputDirectory").asText()).isEqualTo("dist");
        assertThat(project.get("domains").get(0).asText()).isEqualTo("www." + name + ".example.org");
        assertThat(project.get("members").findValuesAsText("subject")).contains(alice, "admin");

        assertThat(api().delete("/v1/projects/" + name + "/domains/www." + name + ".example.org", adminToken()).status())
                .isEqualTo(204);
        assertThat(api().get("/v1/projects/" + name, adminToken()).json().get("domains")).isEmpty();
    }

    @Test
    void aLongLivedProjectIsSnapshottedAndLoadsFromItsSnapshotWithEveryRuleIntact() throws Exception {
        String name = unique("busy");
        String id = createProject(name, adminToken());
        for (int i = 0; i < 60; i++) {
            assertThat(api().put("/v1/projects/" + name + "/env/VAR_" + i, adminToken(),
                    Api.json(Map.of("value", "v" + i))).status()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (jdbc.queryForObject("select count(*) from snapshotevententry where aggregateidentifier = ?",
                Integer.class, id) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("select count(*) from snapshotevententry where aggregateidentifier = ?",
                Integer.class, id)).isEqualTo(1);

        // rules that depend on state held before the snapshot still hold after loading from it
        assertThat(api().delete("/v1/projects/" + name + "/env/VAR_0", adminToken()).status()).isEqualTo(204);
        assertThat(api().delete("/v1/projects/" + name + "/env/NEVER_SET", adminToken()).status()).isEqualTo(404);
        assertThat(api().delete("/v1/projects/" + name + "/members/admin", adminToken()).json().get("detail").asText())
                .contains("only owner");
    }

    @Test
    void listOfProjectsShowsOnlyTheProjectsAUserHoldsARoleIn() {
        String bob = unique("bob");
        String bobs = userToken(bob);
        String mine = unique("mine");
        createProject(mine, bobs);
        createProject(unique("theirs"), adminToken());

        JsonNode page = api().get("/v1/projects?limit=200", bobs).json();

        assertThat(page.get("items").findValuesAsText("name")).containsExactly(mine);
        assertThat(api().get("/v1/projects?limit=1", adminToken()).json().get("nextOffset").asInt()).isEqualTo(1);
    }

    @Test
    void projectNamesAreUniqueAcrossThePlatform() {
        String name = unique("taken");
        createProject(name, adminToken());

        Api.Response second = api().post("/v1/projects", userToken(unique("carol")), Api.json(Map.of("name", name)));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).contains("already exists");
    }

    @Test
    void tokensAreShownOnceStoredHashedAndStopWorkingWhenRevoked() {
        String dave = unique("dave");
        Api.Response issued = api().post("/v1/tokens", adminToken(), Api.json(Map.of("subject", dave, "label", "ci")));
        String token = issued.json().get("token").asText();
        String id = issued.json().get("id").asText();

        assertThat(api().get("/v1/whoami", token).json().get("subject").asText()).isEqualTo(dave);
        assertThat(api().get("/v1/tokens", token).body()).doesNotContain(token).contains(id);
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where payload like ?", Integer.class,
                "%" + token + "%")).isZero();

        assertThat(api().delete("/v1/tokens/" + id, token).status()).isEqualTo(204);
        assertThat(api().get("/v1/whoami", token).status()).isEqualTo(401);
    }

    @Test
    void userCannotIssueAdminTokensOrTokensForOthers() {
        String erin = userToken(unique("erin"));

        assertThat(api().post("/v1/tokens", erin, Api.json(Map.of("admin", true))).status()).isEqualTo(403);
        assertThat(api().post("/v1/tokens", erin, Api.json(Map.of("subject", "someone-else"))).status()).isEqualTo(403);
        assertThat(api().post("/v1/tokens", erin, Api.json(Map.of("label", "second laptop"))).status()).isEqualTo(201);
    }

    @Test
    void edgesRegisterWithTheirOwnTokenAndDrainAndReactivate() {
        String edge = "e" + Long.toString(System.nanoTime(), 36);
        Api.Response registered = api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", edge, "region", "ap-southeast-2", "url", "http://127.0.0.1:9001")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String edgeToken = registered.json().get("token").asText();

        reportHoldings(edgeToken, jdbc.queryForList("select deployment_id from deployment_view "
                + "where state in ('LIVE', 'PROPAGATING')", String.class));
        assertThat(api().post("/v1/edge/ready", edgeToken, null).status()).isEqualTo(204);
        assertThat(api().get("/v1/edges/" + edge, adminToken()).json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(api().post("/v1/edges/" + edge + "/drain", adminToken(), Api.json(Map.of("reason", "maintenance")))
                .json().get("state").asText()).isEqualTo("DRAINED");
        assertThat(api().post("/v1/edge/ready", edgeToken, null).status()).isEqualTo(409);
        assertThat(api().post("/v1/edges/" + edge + "/reactivate", adminToken(), null).json().get("state").asText())
                .isEqualTo("JOINING");
        assertThat(api().post("/v1/edges", adminToken(),
                Api.json(Map.of("id", edge, "region", "ap-southeast-2", "url", "http://127.0.0.1:9001"))).status())
                .isEqualTo(409);
    }

    @Test
    void deploymentIsQueuedAndListedAndCanBeCancelled() {
        String name = unique("queued");
        createProject(name, adminToken());

        Api.Response created = api().post("/v1/projects/" + name + "/deployments", adminToken(),
                Api.json(Map.of("git", gitRepository(), "ref", "main")));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("state").asText()).isEqualTo("QUEUED");
        assertThat(created.json().get("createdBy").asText()).isEqualTo("admin");

        // the build worker may already have picked it up: listed, whatever its state now
        assertThat(api().get("/v1/projects/" + name + "/deployments", adminToken()).json().get("items")
                .findValuesAsText("id")).containsExactly(id);
        Api.Response cancelled = api().post("/v1/deployments/" + id + "/cancel", adminToken(), null);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("CANCELLED");
        assertThat(api().get("/v1/deployments/" + id, adminToken()).json().get("state").asText()).isEqualTo("CANCELLED");
    }
}
