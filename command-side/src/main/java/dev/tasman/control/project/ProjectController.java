package dev.tasman.control.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.api.project.BuildSettings;
import dev.tasman.api.project.CreateProject;
import dev.tasman.api.project.GrantProjectRole;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.RevokeProjectRole;
import dev.tasman.api.project.UpdateBuildSettings;
import dev.tasman.control.access.Access;
import dev.tasman.control.access.Caller;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Ids;
import dev.tasman.control.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Projects, their build settings and members. {@code {project}} is a project's id or its name. */
@RestController
@Tag(name = "Projects")
class ProjectController {

    private final CommandGateway commands;
    private final ProjectView projects;
    private final ProjectEvents events;
    private final Access access;

    ProjectController(CommandGateway commands, ProjectView projects, ProjectEvents events, Access access) {
        this.commands = commands;
        this.projects = projects;
        this.events = events;
        this.access = access;
    }

    record NewProject(String name, BuildSettings buildSettings) {
    }

    record RoleRequest(ProjectRole role) {
    }

    /** One transaction around both commands: a project is created with its settings or not at all. */
    @PostMapping("/v1/projects")
    @Transactional
    @Operation(summary = "Create a project; the caller becomes its owner")
    ResponseEntity<ProjectView.Details> create(@RequestBody NewProject request) {
        Caller caller = access.person();
        Check.required("name", request.name());
        Check.projectName("name", request.name());
        String projectId = Ids.project();
        commands.sendAndWait(new CreateProject(projectId, request.name(), caller.subject()));
        if (request.buildSettings() != null) {
            commands.sendAndWait(new UpdateBuildSettings(projectId, request.buildSettings()));
        }
        return ResponseEntity.created(URI.create("/v1/projects/" + projectId)).body(projects.find(projectId).orElseThrow());
    }

    @GetMapping("/v1/projects")
    @Operation(summary = "Projects the caller holds a role in (all of them for admins)")
    Page<ProjectView.Summary> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset) {
        Caller caller = access.person();
        int l = Page.limit(limit);
        int o = Page.offset(offset);
        return Page.of(projects.list(caller.subject(), caller.admin(), l + 1, o), l, o);
    }

    @GetMapping("/v1/projects/{project}")
    @Operation(summary = "A project with its domains, variable names (never values) and members")
    ProjectView.Details show(@PathVariable String project) {
        return projects.find(access.project(project, ProjectRole.VIEWER)).orElseThrow();
    }

    @PutMapping("/v1/projects/{project}/build-settings")
    @Operation(summary = "Replace the build settings (null fields fall back to tasman.json, then defaults)")
    ProjectView.Details updateBuildSettings(@PathVariable String project, @RequestBody BuildSettings settings) {
        String projectId = access.project(project, ProjectRole.OWNER);
        commands.sendAndWait(new UpdateBuildSettings(projectId, settings));
        return projects.find(projectId).orElseThrow();
    }

    @GetMapping("/v1/projects/{project}/members")
    List<ProjectView.Member> members(@PathVariable String project) {
        return projects.find(access.project(project, ProjectRole.VIEWER)).orElseThrow().members();
    }

    @PutMapping("/v1/projects/{project}/members/{subject}")
    @Operation(summary = "Give someone a role (owner, deployer or viewer) in the project")
    List<ProjectView.Member> grant(@PathVariable String project, @PathVariable String subject,
            @RequestBody RoleRequest request) {
        String projectId = access.project(project, ProjectRole.OWNER);
        commands.sendAndWait(new GrantProjectRole(projectId, subject, Check.required("role", request.role())));
        return projects.find(projectId).orElseThrow().members();
    }

    @DeleteMapping("/v1/projects/{project}/members/{subject}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String project, @PathVariable String subject) {
        commands.sendAndWait(new RevokeProjectRole(access.project(project, ProjectRole.OWNER), subject));
    }

    @GetMapping("/v1/projects/{project}/events")
    @Operation(summary = "The project's own events from the event store, oldest first (owners and admins)")
    List<JsonNode> events(@PathVariable String project) {
        return events.of(access.project(project, ProjectRole.OWNER));
    }
}
