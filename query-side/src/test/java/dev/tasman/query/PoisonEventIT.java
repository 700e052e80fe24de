package dev.tasman.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.project.DomainAdded;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event a projection cannot handle is parked in query.dead_letter with what went wrong, and the processor
 * goes on with the events after it: one bad event never freezes the dashboard.
 */
class PoisonEventIT extends RunningQuerySide {

    @Test
    void anEventWhosePayloadDoesNotFitItsRecordIsParkedAndTheEventsAfterItAreHandled() {
        StoredEvents events = platform().events();
        String poisoned = Platform.id("dpl_");
        long position = events.appendRaw(poisoned, BuildStarted.class, "{\"deploymentId\":{\"not\":\"a string\"},"
                + "\"projectId\":\"prj_x\",\"target\":\"PRODUCTION\",\"source\":null}");
        long garbage = events.appendRaw(Platform.id("prj_"), DomainAdded.class, "this is not JSON at all");
        String owner = Platform.unique("owner");
        Platform.Project after = platform().project(owner);

        eventuallyGet("/v1/dashboard/projects/" + after.name(), admin(), r -> true);
        List<Map<String, Object>> parked = jdbc.queryForList("select * from query.dead_letter where position in (?, ?) "
                + "and processor like 'dashboard@%' order by position, handler", position, garbage);
        assertThat(parked).extracting(row -> row.get("event_type")).containsExactly(BuildStarted.class.getName(),
                DomainAdded.class.getName());
        assertThat(parked).extracting(row -> row.get("handler")).containsExactly("DeploymentProjection",
                "ProjectProjection");
        assertThat(parked).allSatisfy(row -> {
            assertThat((String) row.get("processor")).startsWith("dashboard@");
            assertThat((String) row.get("error")).isNotBlank();
            assertThat(row.get("parked_at")).isNotNull();
        });
        assertThat((String) parked.get(0).get("error")).contains("deploymentId").doesNotContain("a string");
        assertThat(parked.get(0).get("aggregate_id")).isEqualTo(poisoned);
        assertThat(api().get("/v1/dashboard/deployments/" + poisoned, admin()).status()).isEqualTo(404);
        assertThat(eventually(() -> jdbc.queryForList("select handler from query.dead_letter where position = ? "
                + "and processor = 'logs'", String.class, position), handlers -> !handlers.isEmpty()))
                .containsExactly("LogProjection");
    }

    /**
     * A valid event the projection's table refuses (a domain longer than the column) fails inside PostgreSQL,
     * which would refuse every later statement of the batch's transaction; its savepoint keeps the rest alive.
     * The event is parked whole: no table shows half of it.
     */
    @Test
    void anEventFailingInTheDatabaseIsParkedWholeAndTheBatchAroundItGoesOn() {
        Platform.Project project = platform().project("alice");
        String tooLong = "x".repeat(300) + ".example.com";
        String fine = "fine." + project.name() + ".example.com";
        platform().events().appendAll(project.id(), List.of(new DomainAdded(project.id(), tooLong),
                new DomainAdded(project.id(), fine)), "alice");

        var shown = eventuallyGet("/v1/dashboard/projects/" + project.id(), admin(),
                r -> r.json().path("domains").size() == 1).json();
        assertThat(shown.path("domains").get(0).path("domain").asText()).isEqualTo(fine);
        List<Map<String, Object>> parked = jdbc.queryForList("select * from query.dead_letter where aggregate_id = ?",
                project.id());
        assertThat(parked).extracting(row -> row.get("handler")).containsExactly("ProjectProjection");
        assertThat((String) parked.get(0).get("error")).contains("too long");
        assertThat(Api.texts(api().get("/v1/dashboard/activity?project=" + project.id(), admin()).json()
                .path("items"), "summary")).containsExactly("added domain " + fine, "created project " + project.name());
    }

    @Test
    void theAuditTrailShowsAnUnreadableEventAsSuchAndItsFiltersStillWork() {
        String aggregate = Platform.id("prj_");
        platform().events().appendRaw(aggregate, DomainAdded.class, "{\"projectId\": broken");
        Platform.Project project = platform().project("alice");

        Api.Response unreadable = api().get("/v1/audit?aggregate=" + aggregate, admin());
        assertThat(unreadable.json().path("items").get(0).path("payload").asText()).isEqualTo("(unreadable: not JSON)");
        assertThat(unreadable.body()).doesNotContain("broken");
        Api.Response filtered = eventuallyGet("/v1/audit?project=" + project.id() + "&actor=alice", admin(), r -> true);
        assertThat(filtered.json().path("items")).hasSize(1);
    }
}
