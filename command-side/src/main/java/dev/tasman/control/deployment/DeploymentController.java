package dev.tasman.control.deployment;

import dev.tasman.api.deployment.CancelDeployment;
import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.deployment.DeploymentTarget;
import dev.tasman.api.deployment.SourceRef;
import dev.tasman.api.deployment.StartBuild;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Ids;
import dev.tasman.control.shared.Page;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployments of a project. Creation takes a git source for now (the source archive upload and the
 * build workers that pick queued deployments up arrive with the builds feature).
 */
@RestController
@Tag(name = "Deployments")
class DeploymentController {

    private final CommandGateway commands;
    private final DeploymentView deployments;
    private final Access access;

    DeploymentController(CommandGateway commands, DeploymentView deployments, Access access) {
        this.commands = commands;
        this.deployments = deployments;
        this.access = access;
    }

    /** {@code target} is "production" (default) or "preview". */
    record NewDeployment(String git, String ref, DeploymentTarget target) {
    }

    record CancelRequest(String reason) {
    }

    @PostMapping("/v1/projects/{project}/deployments")
    @Operation(summary = "Queue a deployment of a git source (202: it is built asynchronously)")
    ResponseEntity<DeploymentView.Details> create(@PathVariable String project, @RequestBody NewDeployment request) {
        String projectId = access.project(project, ProjectRole.DEPLOYER);
        String git = Check.required("git", request.git());
        if (!git.matches("(https?|ssh|git|file)://\\S+")) {
            throw Refused.invalid("git", "'git' must be a repository URL (https://, ssh://, git:// or file://), got '"
                    + (git.length() > 80 ? git.substring(0, 77) + "..." : git) + "'");
        }
        String ref = request.ref() == null || request.ref().isBlank() ? "HEAD" : request.ref();
        Check.maxLength("ref", ref, 255);
        String deploymentId = Ids.deployment();
        DeploymentTarget target = request.target() == null ? DeploymentTarget.PRODUCTION : request.target();
        commands.sendAndWait(new StartBuild(deploymentId, projectId, target, new SourceRef("git", git, ref, null)));
        return ResponseEntity.accepted().location(URI.create("/v1/deployments/" + deploymentId))
                .body(deployments.find(deploymentId).orElseThrow());
    }

    @GetMapping("/v1/projects/{project}/deployments")
    @Operation(summary = "A project's deployments, newest first; filter by state")
    Page<DeploymentView.Details> list(@PathVariable String project, @RequestParam(required = false) String state,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        String projectId = access.project(project, ProjectRole.VIEWER);
        int l = Page.limit(limit);
        int o = Page.offset(offset);
        return Page.of(deployments.forProject(projectId, state(state), l + 1, o), l, o);
    }

    @GetMapping("/v1/deployments/{id}")
    DeploymentView.Details show(@PathVariable String id) {
        DeploymentView.Details deployment = deployments.find(id)
                .orElseThrow(() -> Refused.notFound("There is no deployment " + id + "."));
        access.project(deployment.projectId(), ProjectRole.VIEWER);
        return deployment;
    }

    @PostMapping("/v1/deployments/{id}/cancel")
    @Operation(summary = "Cancel a deployment that is not ready yet")
    DeploymentView.Details cancel(@PathVariable String id, @RequestBody(required = false) CancelRequest request) {
        DeploymentView.Details deployment = deployments.find(id)
                .orElseThrow(() -> Refused.notFound("There is no deployment " + id + "."));
        access.project(deployment.projectId(), ProjectRole.DEPLOYER);
        String reason = request == null || request.reason() == null ? "cancelled by " + access.caller().subject()
                : Check.maxLength("reason", request.reason(), 500);
        commands.sendAndWait(new CancelDeployment(id, reason));
        return deployments.find(id).orElseThrow();
    }

    private static DeploymentState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return DeploymentState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("state", "'state' must be one of: queued, building, built, propagating, ready, "
                    + "live, superseded, failed, stalled, cancelled");
        }
    }
}
