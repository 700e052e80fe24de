package dev.tasman.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Group;
import dev.tasman.cli.shared.JsonOption;
import dev.tasman.cli.shared.ProjectOption;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "domains", description = "Attach, list and detach a project's custom domains.")
public final class DomainsCommand extends Group {

    private final Context context;

    DomainsCommand(Context context) {
        this.context = context;
    }

    @Command(name = "add", description = "Attach a custom domain (a domain belongs to one project only).")
    int add(@Parameters(paramLabel = "DOMAIN", description = "e.g. www.example.com") String domain,
            @Mixin ProjectOption project) {
        context.api().post("/v1/projects/" + project.segment() + "/domains", Map.of("domain", domain));
        context.out().println("Added " + domain + " to " + project.name() + ". Point its DNS at your edges; they "
                + "serve it from now on.");
        return 0;
    }

    @Command(name = "list", description = "List the project's custom domains.")
    int list(@Mixin ProjectOption project, @Mixin JsonOption json) {
        Api.Reply reply = context.api().get("/v1/projects/" + project.segment() + "/domains");
        if (json.printed(context, reply.body())) {
            return 0;
        }
        JsonNode domains = reply.json();
        if (domains.isEmpty()) {
            context.out().println(project.name() + " has no custom domains.");
        }
        domains.forEach(domain -> context.out().println(domain.asText()));
        return 0;
    }

    @Command(name = "rm", aliases = "remove", description = "Detach a custom domain.")
    int remove(@Parameters(paramLabel = "DOMAIN") String domain, @Mixin ProjectOption project) {
        context.api().delete("/v1/projects/" + project.segment() + "/domains/" + Api.segment(domain));
        context.out().println("Removed " + domain + " from " + project.name() + ".");
        return 0;
    }
}
