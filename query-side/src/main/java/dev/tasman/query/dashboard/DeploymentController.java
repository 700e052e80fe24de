package dev.tasman.query.dashboard;

import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.query.access.Access;
import dev.tasman.query.shared.Page;
import dev.tasman.query.shared.Params;
import dev.tasman.query.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A project's deployments, one deployment's timings and per-edge progress, and that progress live. */
@RestController
@Tag(name = "Dashboard")
class DeploymentController {

    private final Access access;
    private final DeploymentQueries deployments;
    private final ProgressStreams streams;

    DeploymentController(Access access, DeploymentQueries deployments, ProgressStreams streams) {
        this.access = access;
        this.deployments = deployments;
        this.streams = streams;
    }

    @GetMapping("/v1/dashboard/projects/{project}/deployments")
    @Operation(summary = "A project's deployments, newest first; state and target filter (comma-separated)")
    Page<DeploymentQueries.DeploymentSummary> list(@PathVariable String project,
            @RequestParam(required = false) String state, @RequestParam(required = false) String target,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        String projectId = access.project(project);
        int l = Page.limit(limit);
        return Page.of(deployments.list(projectId, Params.enums("state", state, DeploymentState.class),
                Params.enums("target", target, DeploymentTarget.class), Page.afterPosition(cursor), l + 1), l,
                d -> Long.toString(d.position()));
    }

    @GetMapping("/v1/dashboard/deployments/{id}")
    @Operation(summary = "A deployment: state, time of each stage, per-edge acknowledgements, sync failures")
    DeploymentQueries.DeploymentDetails show(@PathVariable String id) {
        return visible(id);
    }

    @GetMapping(path = "/v1/dashboard/deployments/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "The deployment's progress as Server-Sent Events",
            description = "An event 'progress' with the deployment as GET /v1/dashboard/deployments/{id} answers it, "
                    + "now and at every change of state or edge progress; the stream ends after the deployment is "
                    + "LIVE, FAILED, CANCELLED or SUPERSEDED.")
    SseEmitter events(@PathVariable String id) {
        visible(id);
        return streams.open(id);
    }

    private DeploymentQueries.DeploymentDetails visible(String id) {
        String missing = "There is no deployment '" + id + "'.";
        DeploymentQueries.DeploymentDetails deployment = deployments.find(id)
                .orElseThrow(() -> Refused.notFound(missing));
        access.requireVisible(deployment.projectId(), missing);
        return deployment;
    }
}
