package dev.tasman.control.project;

import dev.tasman.api.project.AddDomain;
import dev.tasman.api.project.ProjectRole;
import dev.tasman.api.project.RemoveDomain;
import dev.tasman.control.access.Access;
import dev.tasman.control.shared.Check;
import dev.tasman.control.shared.ControlProperties;
import dev.tasman.control.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Custom domains: each belongs to one project across the whole platform. */
@RestController
@Tag(name = "Domains")
class DomainController {

    private final CommandGateway commands;
    private final ProjectView projects;
    private final Access access;
    private final String edgeDomain;

    DomainController(CommandGateway commands, ProjectView projects, Access access, ControlProperties properties) {
        this.commands = commands;
        this.projects = projects;
        this.access = access;
        this.edgeDomain = properties.edgeDomain();
    }

    record DomainRequest(String domain) {
    }

    @GetMapping("/v1/projects/{project}/domains")
    List<String> list(@PathVariable String project) {
        return projects.find(access.project(project, ProjectRole.VIEWER)).orElseThrow().domains();
    }

    @PostMapping("/v1/projects/{project}/domains")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a custom domain; 409 if another project holds it")
    List<String> add(@PathVariable String project, @RequestBody DomainRequest request) {
        String projectId = access.project(project, ProjectRole.OWNER);
        String domain = Check.required("domain", request.domain()).trim().toLowerCase(Locale.ROOT);
        Check.domain("domain", domain);
        if (domain.equals(edgeDomain) || domain.endsWith("." + edgeDomain)) {
            throw Refused.invalid("domain", "Domains under " + edgeDomain + " are the platform's own: every project "
                    + "already answers at <project>." + edgeDomain + ".");
        }
        commands.sendAndWait(new AddDomain(projectId, domain));
        return projects.find(projectId).orElseThrow().domains();
    }

    @DeleteMapping("/v1/projects/{project}/domains/{domain}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String project, @PathVariable String domain) {
        commands.sendAndWait(new RemoveDomain(access.project(project, ProjectRole.OWNER),
                domain.toLowerCase(Locale.ROOT)));
    }
}
