package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.api.deployment.EdgeSyncFailed;
import dev.tasman.api.deployment.PropagationStalled;
import dev.tasman.api.edge.EdgeDrained;
import dev.tasman.api.edge.EdgeHoldingsReported;
import dev.tasman.api.edge.HeldDeployment;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.api.project.BuildSettingsUpdated;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.DomainRemoved;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.ProjectRoleGranted;
import dev.tasman.api.project.SealedSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard read model, fed through the real event table and read back over the REST API. */
class DashboardIT extends RunningQuerySide {

    @Test
    void aProjectShowsItsSettingsDomainsMembersAndVariableNamesButNeverAVariablesValue() {
        Platform platform = platform();
        String alice = Platform.unique("alice");
        Platform.Project project = platform.project(alice);
        String ciphertext = "c2VhbGVk" + Platform.id("secret");
        StoredEvents events = platform.events();
        events.append(project.id(), new BuildSettingsUpdated(project.id(),
                new BuildSettings("npm ci", "npm run build", "dist", null)), alice);
        events.append(project.id(), new EnvironmentVariableSet(project.id(), "API_KEY",
                new SealedSecret("k1", ciphertext)), alice);
        events.append(project.id(), new DomainAdded(project.id(), project.name() + ".example.com"), alice);
        events.append(project.id(), new DomainAdded(project.id(), "www." + project.name() + ".example.com"), alice);
        events.append(project.id(), new DomainRemoved(project.id(), project.name() + ".example.com"), alice);
        events.append(project.id(), new ProjectRoleGranted(project.id(), "bob", ProjectRole.VIEWER), alice);

        JsonNode shown = eventuallyGet("/v1/dashboard/projects/" + project.name(), user(alice),
                r -> r.json().path("members").size() == 2).json();

        assertThat(shown.path("id").asText()).isEqualTo(project.id());
        assertThat(shown.path("owner").asText()).isEqualTo(alice);
        assertThat(shown.path("buildSettings").path("buildCommand").asText()).isEqualTo("npm run build");
        assertThat(Api.texts(shown.path("domains"), "domain")).containsExactly("www." + project.name() + ".example.com");
        assertThat(Api.texts(shown.path("environmentVariables"), "name")).containsExactly("API_KEY");
        assertThat(Api.texts(shown.path("members"), "subject")).containsExactly(alice, "bob");
        assertThat(shown.toString()).doesNotContain(ciphertext);
        String everythingStored = String.join("\n", jdbc.queryForList("select string_agg(t::text, ' ') from "
                + "(select * from query.dashboard_project_env) t", String.class))
                + jdbc.queryForList("select string_agg(a.summary, ' ') from query.dashboard_activity a", String.class);
        assertThat(everythingStored).contains("API_KEY").doesNotContain(ciphertext);
    }

    @Test
    void aDeploymentShowsEachStageAndEveryEdgesAcknowledgementUntilItIsLive() {
        Platform platform = platform();
        String alice = Platform.unique("alice");
        String token = user(alice);
        Platform.Project project = platform.project(alice);
        List<String> edges = List.of(platform.activeEdge(Platform.unique("e")), platform.activeEdge(Platform.unique("e")));
        String first = platform.deployed(project, alice, edges, null);
        String second = platform.queued(project, alice);
        String path = "/v1/dashboard/deployments/" + second;

        JsonNode queued = eventuallyGet(path, token, r -> true).json();
        assertThat(queued.path("state").asText()).isEqualTo("QUEUED");
        assertThat(queued.path("createdBy").asText()).isEqualTo(alice);
        assertThat(queued.path("source").path("ref").asText()).isEqualTo("main");
        assertThat(queued.path("timings").path("queuedAt").asText()).isNotBlank();

        platform.built(project, second);
        platform.propagating(project, second, edges);
        platform.acknowledged(project, second, edges.get(0));
        platform.events().append(second, new EdgeSyncFailed(second, project.id(), edges.get(1), "blob x did not "
                + "match its SHA-256"), "edge");
        JsonNode halfway = eventuallyGet(path, token, r -> r.json().path("syncFailures").size() == 1).json();
        assertThat(halfway.path("state").asText()).isEqualTo("PROPAGATING");
        assertThat(halfway.path("requiredEdges").size()).isEqualTo(2);
        assertThat(halfway.path("acknowledgedEdges").get(0).asText()).isEqualTo(edges.get(0));
        assertThat(halfway.path("missingEdges").get(0).asText()).isEqualTo(edges.get(1));
        assertThat(halfway.path("syncFailures").get(0).path("edgeId").asText()).isEqualTo(edges.get(1));
        assertThat(halfway.path("timings").path("builtAt").asText()).isNotBlank();

        platform.acknowledged(project, second, edges.get(1));
        platform.ready(project, second, edges);
        platform.live(project, second, first);
        JsonNode live = eventuallyGet(path, token, r -> r.json().path("state").asText().equals("LIVE")).json();
        assertThat(live.path("missingEdges")).isEmpty();
        assertThat(live.path("projectName").asText()).isEqualTo(project.name());
        assertThat(live.path("timings").path("liveAt").asText()).isNotBlank();
        assertThat(live.path("durationsMs").has("total")).isTrue();
        assertThat(api().get("/v1/dashboard/deployments/" + first, token).json().path("state").asText())
                .isEqualTo("SUPERSEDED");
        assertThat(api().get("/v1/dashboard/projects/" + project.id(), token).json().path("liveDeploymentId").asText())
                .isEqualTo(second);
    }

    @Test
    void aProjectsDeploymentsArePagedNewestFirstAndFilteredByState() {
        Platform platform = platform();
        String alice = Platform.unique("alice");
        String token = user(alice);
        Platform.Project project = platform.project(alice);
        String edge = platform.activeEdge(Platform.unique("e"));
        String first = platform.deployed(project, alice, List.of(edge), null);
        String second = platform.deployed(project, alice, List.of(edge), first);
        String third = platform.queued(project, alice);
        String list = "/v1/dashboard/projects/" + project.name() + "/deployments";
        eventuallyGet(list, token, r -> r.json().path("items").size() == 3);

        JsonNode page = api().get(list + "?limit=2", token).json();
        assertThat(Api.texts(page.path("items"), "id")).containsExactly(third, second);
        JsonNode rest = api().get(list + "?limit=2&cursor=" + page.path("nextCursor").asText(), token).json();
        assertThat(Api.texts(rest.path("items"), "id")).containsExactly(first);
        assertThat(rest.has("nextCursor")).isFalse();
        assertThat(Api.texts(api().get(list + "?state=live,superseded", token).json().path("items"), "id"))
                .containsExactly(second, first);
        assertThat(Api.texts(api().get(list + "?state=QUEUED&target=production", token).json().path("items"), "id"))
                .containsExactly(third);
    }

    @Test
    void edgesShowStateHoldingsWhenLastHeardOfAndWhatTheyStillOwe() {
        Platform platform = platform();
        String admin = admin();
        Platform.Project project = platform.project("ops");
        String syd = platform.activeEdge(Platform.unique("syd"));
        String sin = platform.activeEdge(Platform.unique("sin"));
        String deployed = platform.deployed(project, "ops", List.of(syd, sin), null);
        platform.events().append(syd, new EdgeHoldingsReported(syd, List.of(new HeldDeployment(deployed,
                Platform.DIGEST))), "edge");
        String waiting = platform.queued(project, "ops");
        platform.built(project, waiting);
        platform.propagating(project, waiting, List.of(syd, sin));
        platform.acknowledged(project, waiting, syd);
        platform.events().append(waiting, new PropagationStalled(waiting, project.id(), List.of(sin)), "system");
        platform.events().append(sin, new EdgeDrained(sin, "network maintenance"), "ops");

        JsonNode drained = eventuallyGet("/v1/dashboard/edges?state=drained&limit=100", admin,
                r -> Api.texts(r.json().path("items"), "id").contains(sin)).json();
        JsonNode sinShown = item(drained, sin);
        assertThat(sinShown.path("drainReason").asText()).isEqualTo("network maintenance");
        assertThat(sinShown.path("waitingDeployments").asInt()).isEqualTo(1);
        assertThat(sinShown.path("syncLagSeconds").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode sydShown = item(api().get("/v1/dashboard/edges?state=active&limit=100", admin).json(), syd);
        assertThat(sydShown.path("holdingsCount").asInt()).isEqualTo(1);
        assertThat(sydShown.path("holdings").get(0).path("deploymentId").asText()).isEqualTo(deployed);
        assertThat(sydShown.path("waitingDeployments").asInt()).isZero();
        assertThat(sydShown.path("lastAcknowledgement").path("deploymentId").asText()).isEqualTo(waiting);
        assertThat(sydShown.path("lastAcknowledgement").path("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(sydShown.path("lastSeenAt").asText()).isNotBlank();
        String stranger = user(Platform.unique("stranger"));
        JsonNode asStranger = item(api().get("/v1/dashboard/edges?state=active&limit=100", stranger).json(), syd);
        assertThat(asStranger.path("holdingsCount").asInt()).isEqualTo(1);
        assertThat(asStranger.path("holdings")).as("deployments of projects the caller cannot see").isEmpty();
    }

    @Test
    void theActivityFeedSaysWhoDidWhatNewestFirstPageByPage() {
        Platform platform = platform();
        String alice = Platform.unique("alice");
        String token = user(alice);
        Platform.Project project = platform.project(alice);
        platform.events().append(project.id(), new DomainAdded(project.id(), project.name() + ".example.org"), alice);
        String deployment = platform.queued(project, alice);
        String feed = "/v1/dashboard/activity?project=" + project.name();

        JsonNode all = eventuallyGet(feed, token, r -> r.json().path("items").size() == 3).json();
        assertThat(Api.texts(all.path("items"), "type")).containsExactly("BuildStarted", "DomainAdded",
                "ProjectCreated");
        assertThat(Api.texts(all.path("items"), "actor")).containsOnly(alice);
        assertThat(all.path("items").get(0).path("deploymentId").asText()).isEqualTo(deployment);
        assertThat(all.path("items").get(2).path("summary").asText()).isEqualTo("created project " + project.name());
        assertThat(all.path("items").get(2).path("projectName").asText()).isEqualTo(project.name());

        JsonNode first = api().get(feed + "&limit=2", token).json();
        JsonNode second = api().get(feed + "&limit=2&cursor=" + first.path("nextCursor").asText(), token).json();
        assertThat(Api.texts(second.path("items"), "type")).containsExactly("ProjectCreated");
        assertThat(Api.texts(api().get(feed + "&type=DomainAdded", token).json().path("items"), "type"))
                .containsExactly("DomainAdded");
        String stranger = user(Platform.unique("stranger"));
        assertThat(Api.texts(api().get("/v1/dashboard/activity?limit=100", stranger).json().path("items"),
                "projectId")).doesNotContain(project.id());
    }

    @Test
    void projectsArePagedByNameAndFilteredByPartOfIt() {
        Platform platform = platform();
        String alice = Platform.unique("alice");
        String token = user(alice);
        List<Platform.Project> mine = List.of(platform.project(alice), platform.project(alice), platform.project(alice));
        platform.project(Platform.unique("bob"));
        JsonNode page = eventuallyGet("/v1/dashboard/projects?limit=2", token,
                r -> r.json().has("nextCursor")).json();
        JsonNode rest = api().get("/v1/dashboard/projects?limit=2&cursor=" + page.path("nextCursor").asText(), token)
                .json();

        assertThat(Api.texts(page.path("items"), "name")).containsExactly(mine.get(0).name(), mine.get(1).name());
        assertThat(Api.texts(rest.path("items"), "name")).containsExactly(mine.get(2).name());
        String part = mine.get(1).name().substring(2);
        assertThat(Api.texts(api().get("/v1/dashboard/projects?q=" + part, admin()).json().path("items"), "name"))
                .containsExactly(mine.get(1).name());
    }

    private static JsonNode item(JsonNode page, String id) {
        for (JsonNode item : page.path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " is not in " + page);
    }
}
