package dev.tasman.control.project;

import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.RemoveEnvironmentVariable;
import dev.tasman.api.project.SetEnvironmentVariable;
import dev.tasman.control.access.Access;
import dev.tasman.control.secrets.SecretBox;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Environment variables. Values are sealed here, before a command exists, so the clear value is never
 * in a command, an event, a log line or a response; reads only say that a variable exists and since when.
 */
@RestController
@Tag(name = "Environment variables")
class EnvironmentController {

    static final int MAX_VALUE_LENGTH = 65_536;

    private final CommandGateway commands;
    private final ProjectView projects;
    private final SecretBox secrets;
    private final Access access;

    EnvironmentController(CommandGateway commands, ProjectView projects, SecretBox secrets, Access access) {
        this.commands = commands;
        this.projects = projects;
        this.secrets = secrets;
        this.access = access;
    }

    /** Never logged or echoed: {@link #toString()} leaves the value out. */
    record ValueRequest(String value) {
        @Override
        public String toString() {
            return "ValueRequest[value=(hidden)]";
        }
    }

    @GetMapping("/v1/projects/{project}/env")
    @Operation(summary = "Variable names and when each was last set; values are never returned")
    List<ProjectView.Variable> list(@PathVariable String project) {
        return projects.find(access.project(project, ProjectRole.VIEWER)).orElseThrow().environment();
    }

    @GetMapping("/v1/projects/{project}/env/{name}")
    ProjectView.Variable show(@PathVariable String project, @PathVariable String name) {
        String projectId = access.project(project, ProjectRole.VIEWER);
        return projects.variable(projectId, name)
                .orElseThrow(() -> Refused.notFound("Project has no environment variable named '" + name + "'."));
    }

    @PutMapping("/v1/projects/{project}/env/{name}")
    @Operation(summary = "Set a variable; the value is encrypted at once and never shown again")
    ProjectView.Variable set(@PathVariable String project, @PathVariable String name,
            @RequestBody ValueRequest request) {
        String projectId = access.project(project, ProjectRole.OWNER);
        String value = Check.required("value", request.value());
        if (value.length() > MAX_VALUE_LENGTH) {
            throw Refused.invalid("value", "'value' may be at most " + MAX_VALUE_LENGTH + " characters.");
        }
        Check.matches("name", name, Project.VARIABLE_NAME,
                "a variable name: letters, digits and underscores, not starting with a digit");
        commands.sendAndWait(new SetEnvironmentVariable(projectId, name, secrets.seal(projectId, name, value)));
        return projects.variable(projectId, name).orElseThrow();
    }

    @DeleteMapping("/v1/projects/{project}/env/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String project, @PathVariable String name) {
        commands.sendAndWait(new RemoveEnvironmentVariable(access.project(project, ProjectRole.OWNER), name));
    }
}
