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
import dev.tasman.control.source.SourceIntake;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployments of a project. A deployment is created from a git source (JSON) or an uploaded
 * {@code .tar.gz}; either way the source is checked and pinned (exact commit, archive hash) before
 * {@code StartBuild} is sent, so a refused request leaves no deployment behind.
 */
@RestController
@Tag(name = "Deployments")
class DeploymentController {

    private final CommandGateway commands;
    private final DeploymentView deployments;
    private final Access access;
    private final SourceIntake sources;
    private final EdgeProgressBoard progress;

    DeploymentController(CommandGateway commands, DeploymentView deployments, Access access, SourceIntake sources,
            EdgeProgressBoard progress) {
        this.commands = commands;
        this.deployments = deployments;
        this.access = access;
        this.sources = sources;
        this.progress = progress;
    }

    /** {@code target} is "production" (default) or "preview". */
    record NewDeployment(String git, String ref, DeploymentTarget target) {
    }

    record CancelRequest(String reason) {
    }

    @PostMapping(path = "/v1/projects/{project}/deployments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Queue a deployment (202: it is built asynchronously)", description = "The body is either "
            + "a git source as JSON, pinned to the exact commit its ref (branch, tag or commit; default HEAD) names "
            + "now, or a .tar.gz of the source (at most 100 MB; Content-Type application/gzip, application/x-gzip, "
            + "application/x-tar+gzip or application/octet-stream) with the target as ?target=production|preview.",
            parameters = @Parameter(in = ParameterIn.QUERY, name = "target",
                    description = "production (default) or preview; for a .tar.gz body only"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = NewDeployment.class)),
        @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary"))})
    ResponseEntity<DeploymentView.Details> create(@PathVariable String project, @RequestBody NewDeployment request) {
        String projectId = access.project(project, ProjectRole.DEPLOYER);
        String git = Check.required("git", request.git());
        if (!git.matches("(https?|ssh|git|file)://\\S+")) {
            throw Refused.invalid("git", "'git' must be a repository URL (https://, http:// or git://), got '"
                    + (git.length() > 80 ? git.substring(0, 77) + "..." : git) + "'");
        }
        String ref = request.ref() == null || request.ref().isBlank() ? "HEAD" : request.ref();
        Check.maxLength("ref", ref, 255);
        DeploymentTarget target = request.target() == null ? DeploymentTarget.PRODUCTION : request.target();
        return start(projectId, target, sources.git(git, ref));
    }

    @PostMapping(path = "/v1/projects/{project}/deployments", consumes = {"application/gzip", "application/x-gzip",
        "application/x-tar+gzip", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Hidden // one operation in the API description; create() documents both bodies
    ResponseEntity<DeploymentView.Details> upload(@PathVariable String project,
            @RequestParam(required = false) String target,
            @RequestHeader(value = HttpHeaders.CONTENT_LENGTH, required = false) Long length, InputStream body)
            throws IOException {
        String projectId = access.project(project, ProjectRole.DEPLOYER);
        DeploymentTarget chosen = target(target);
        return start(projectId, chosen, sources.archive(body, length == null ? -1 : length));
    }

    private ResponseEntity<DeploymentView.Details> start(String projectId, DeploymentTarget target, SourceRef source) {
        String deploymentId = Ids.deployment();
        commands.sendAndWait(new StartBuild(deploymentId, projectId, target, source));
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
        return Page.of(deployments.forProject(projectId, state(state), l + 1, o).stream().map(this::withProgress)
                .toList(), l, o);
    }

    @GetMapping("/v1/deployments/{id}")
    DeploymentView.Details show(@PathVariable String id) {
        DeploymentView.Details deployment = deployments.find(id)
                .orElseThrow(() -> Refused.notFound("There is no deployment " + id + "."));
        access.project(deployment.projectId(), ProjectRole.VIEWER);
        return withProgress(deployment);
    }

    private DeploymentView.Details withProgress(DeploymentView.Details deployment) {
        return deployment.withEdgeProgress(progress.of(deployment.id(), deployment.state()));
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

    private static DeploymentTarget target(String target) {
        if (target == null || target.isBlank()) {
            return DeploymentTarget.PRODUCTION;
        }
        try {
            return DeploymentTarget.valueOf(target.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refused.invalid("target", "'target' must be one of: production, preview");
        }
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
