package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.project.DomainAdded;
import dev.tasman.api.project.EnvironmentVariableSet;
import dev.tasman.api.project.ProjectCreated;
import dev.tasman.api.project.SealedSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail read straight from the event store: filters, paging, JSON Lines, secrets, who may read it. */
class AuditIT extends RunningQuerySide {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2020-03-01T10:00:00Z");

    private record Story(Platform.Project project, String deployment, String otherProject) {
    }

    /** alice creates a project and adds a domain; an hour later bob starts a deployment; carol works elsewhere. */
    private Story story() {
        StoredEvents events = platform().events();
        String projectId = Platform.id("prj_");
        Platform.Project project = new Platform.Project(projectId, Platform.unique("p"));
        events.append(projectId, new ProjectCreated(projectId, project.name(), "alice"), "alice", T0, "c-create");
        events.append(projectId, new DomainAdded(projectId, project.name() + ".example.net"), "alice",
                T0.plusSeconds(60), "c-domain");
        String deployment = Platform.id("dpl_");
        events.append(deployment, new BuildStarted(deployment, projectId, DeploymentTarget.PREVIEW,
                new SourceRef("archive", "sha256:ab", null, null)), "bob", T0.plus(Duration.ofHours(1)), "c-deploy");
        String other = Platform.id("prj_");
        events.append(other, new ProjectCreated(other, Platform.unique("p"), "carol"), "carol",
                T0.plus(Duration.ofHours(1)), "c-other");
        return new Story(project, deployment, other);
    }

    @Test
    void filtersByProjectAggregateTypeActorCorrelationAndTime() {
        Story story = story();
        String p = "/v1/audit?project=" + story.project().name();

        List<JsonNode> ofProject = items(eventuallyGet(p, admin(), r -> r.json().path("items").size() == 3));
        assertThat(ofProject).extracting(e -> e.path("type").asText())
                .containsExactly("ProjectCreated", "DomainAdded", "BuildStarted");
        assertThat(ofProject).extracting(e -> e.path("position").asLong()).isSorted();
        assertThat(types("/v1/audit?aggregate=" + story.deployment())).containsExactly("BuildStarted");
        assertThat(types(p + "&type=BuildStarted")).containsExactly("BuildStarted");
        assertThat(types(p + "&type=dev.tasman.api.project.DomainAdded")).containsExactly("DomainAdded");
        assertThat(types(p + "&actor=bob")).containsExactly("BuildStarted");
        assertThat(types("/v1/audit?correlationId=c-domain")).containsExactly("DomainAdded");
        assertThat(types(p + "&from=2020-03-01T10:00:30Z&to=2020-03-01T11:00:00Z"))
                .containsExactly("DomainAdded", "BuildStarted");
        assertThat(types("/v1/audit?from=2020-03-01T11:00:00%2B01:00&to=2020-03-01T10:00:00Z&aggregate="
                + story.project().id())).containsExactly("ProjectCreated");
        assertThat(api().get("/v1/audit?aggregate=" + story.otherProject(), admin()).json().path("items")).hasSize(1);
    }

    @Test
    void anEntryCarriesWhoWhyAndWhereButASealedValueNeverLeaves() {
        Platform.Project project = platform().project("alice");
        String ciphertext = "q83vEjRWeJC6zN7wAAAAA" + Platform.id("x");
        platform().events().append(project.id(), new EnvironmentVariableSet(project.id(), "API_KEY",
                new SealedSecret("k1a2b3c4", ciphertext)), "alice", Instant.now(), "c-secret");
        String path = "/v1/audit?aggregate=" + project.id();

        Api.Response page = eventuallyGet(path, admin(), r -> r.json().path("items").size() == 2);
        JsonNode set = page.json().path("items").get(1);
        assertThat(set.path("type").asText()).isEqualTo("EnvironmentVariableSet");
        assertThat(set.path("payloadType").asText()).isEqualTo(EnvironmentVariableSet.class.getName());
        assertThat(set.path("revision").asText()).isEqualTo("1");
        assertThat(set.path("aggregateId").asText()).isEqualTo(project.id());
        assertThat(set.path("aggregateType").asText()).isEqualTo("Project");
        assertThat(set.path("sequence").asLong()).isEqualTo(1);
        assertThat(set.path("timestamp").asText()).isNotBlank();
        assertThat(set.path("payload").path("name").asText()).isEqualTo("API_KEY");
        assertThat(set.path("payload").path("value").path("keyId").asText()).isEqualTo("k1a2b3c4");
        assertThat(set.path("payload").path("value").path("ciphertext").asText()).isEqualTo("(sealed)");
        JsonNode metadata = set.path("metadata");
        assertThat(metadata.path("actor").asText()).isEqualTo("alice");
        assertThat(metadata.path("correlationId").asText()).isEqualTo("c-secret");
        assertThat(metadata.path("causationId").asText()).isEqualTo("c-secret");
        assertThat(metadata.path("traceparent").asText()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(page.body()).doesNotContain(ciphertext);
        assertThat(api().get(path + "&format=jsonl", admin()).body()).contains("(sealed)").doesNotContain(ciphertext);
    }

    @Test
    void pagesGoByPositionAndJsonLinesStreamEveryMatch() {
        Platform.Project project = platform().project("alice");
        for (int i = 0; i < 4; i++) {
            platform().events().append(project.id(), new DomainAdded(project.id(), "d" + i + "." + project.name()
                    + ".example.com"), "alice");
        }
        String path = "/v1/audit?aggregate=" + project.id();
        eventuallyGet(path, admin(), r -> r.json().path("items").size() == 5);

        List<Long> paged = new ArrayList<>();
        JsonNode page = api().get(path + "&limit=2", admin()).json();
        while (true) {
            page.path("items").forEach(e -> paged.add(e.path("position").asLong()));
            if (!page.has("nextAfter")) {
                break;
            }
            page = api().get(path + "&limit=2&after=" + page.path("nextAfter").asLong(), admin()).json();
        }
        assertThat(paged).hasSize(5).isSorted().doesNotHaveDuplicates();

        Api.Response lines = api().send("GET", path, admin(), Map.of("Accept", "application/x-ndjson"));
        assertThat(lines.contentType()).startsWith("application/x-ndjson");
        assertThat(lines.body().lines().map(AuditIT::parse).map(e -> e.path("position").asLong())).isEqualTo(paged);
        assertThat(api().lines(path + "&format=jsonl&limit=2&after=" + paged.get(0), admin(), Map.of()).toList())
                .hasSize(2).allSatisfy(line -> assertThat(parse(line).path("position").asLong())
                        .isGreaterThan(paged.get(0)));
    }

    @Test
    void aProjectsOwnerReadsThatProjectsTrailAndNothingElse() {
        String owner = Platform.unique("owner");
        String token = user(owner);
        Platform.Project project = platform().project(owner);
        String deployment = platform().queued(project, owner);
        platform().project(owner);

        List<JsonNode> trail = items(eventuallyGet("/v1/audit?project=" + project.id(), token,
                r -> r.json().path("items").size() == 2));
        assertThat(trail).extracting(e -> e.path("aggregateId").asText()).containsExactly(project.id(), deployment);
        assertThat(api().get("/v1/audit?project=" + project.name() + "&format=jsonl", token).body().lines())
                .hasSize(2);
    }

    private List<String> types(String path) {
        return items(api().get(path, admin())).stream().map(e -> e.path("type").asText()).toList();
    }

    private static List<JsonNode> items(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().path("items").forEach(items::add);
        return items;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
