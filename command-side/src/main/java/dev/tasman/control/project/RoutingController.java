package dev.tasman.control.project;

import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.PromoteDeployment;
import dev.tasman.api.project.RollbackRouting;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Check;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Moving traffic: promote a ready deployment, or roll back. Both only change routing. */
@RestController
@Tag(name = "Routing")
class RoutingController {

    private final CommandGateway commands;
    private final ProjectView projects;
    private final Access access;

    RoutingController(CommandGateway commands, ProjectView projects, Access access) {
        this.commands = commands;
        this.projects = projects;
        this.access = access;
    }

    record Target(String deploymentId) {
    }

    record Routing(String projectId, String liveDeploymentId) {
    }

    @PostMapping("/v1/projects/{project}/promote")
    @Operation(summary = "Send all traffic to a deployment that every edge holds (e.g. a preview)")
    Routing promote(@PathVariable String project, @RequestBody Target target) {
        String projectId = access.project(project, ProjectRole.DEPLOYER);
        commands.sendAndWait(new PromoteDeployment(projectId, Check.required("deploymentId", target.deploymentId())));
        return routing(projectId);
    }

    @PostMapping("/v1/projects/{project}/rollback")
    @Operation(summary = "Route back to the previous release, or to the deployment named; nothing is redistributed")
    Routing rollback(@PathVariable String project, @RequestBody(required = false) Target target) {
        String projectId = access.project(project, ProjectRole.DEPLOYER);
        commands.sendAndWait(new RollbackRouting(projectId, target == null ? null : target.deploymentId()));
        return routing(projectId);
    }

    private Routing routing(String projectId) {
        return new Routing(projectId, projects.find(projectId).orElseThrow().liveDeploymentId());
    }
}
