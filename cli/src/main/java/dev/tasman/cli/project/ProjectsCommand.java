package dev.tasman.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Group;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.JsonOption;
import dev.tasman.cli.shared.Table;
import dev.tasman.cli.shared.Times;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "projects", description = "Create, list and show projects.")
public final class ProjectsCommand extends Group {

    private final Context context;

    ProjectsCommand(Context context) {
        this.context = context;
    }

    @Command(name = "create", description = "Create a project; you become its owner.")
    int create(@Parameters(paramLabel = "NAME", description = "Lowercase letters, digits and hyphens; the "
            + "project answers at NAME.<edge domain>.") String name, @Mixin JsonOption json) {
        Api.Reply reply = context.api().post("/v1/projects", Map.of("name", name));
        if (json.printed(context, reply.body())) {
            return 0;
        }
        JsonNode project = reply.json();
        context.out().println("Created project " + context.style(false).bold(Json.text(project, "name", name))
                + " (" + Json.text(project, "id", "?") + "). Deploy to it: tasman deploy DIR --project " + name);
        return 0;
    }

    @Command(name = "list", description = "List the projects you hold a role in (all of them for admins).")
    int list(@Mixin JsonOption json) {
        Api api = context.api();
        if (json.on()) {
            context.out().println(api.get("/v1/projects?limit=200").body());
            return 0;
        }
        Table table = Table.of("NAME", "ID", "LIVE DEPLOYMENT", "CREATED");
        int count = 0;
        Integer offset = 0;
        while (offset != null) {
            JsonNode page = api.get("/v1/projects?limit=200&offset=" + offset).json();
            for (JsonNode project : page.path("items")) {
                table.row(Json.text(project, "name", ""), Json.text(project, "id", ""),
                        Json.text(project, "liveDeploymentId", "none"),
                        Times.local(Json.text(project, "createdAt", "")));
                count++;
            }
            offset = page.path("nextOffset").isNumber() ? page.path("nextOffset").asInt() : null;
        }
        if (count == 0) {
            context.out().println("No projects yet. Create one: tasman projects create NAME");
            return 0;
        }
        table.print(context.out(), context.style(false));
        return 0;
    }

    @Command(name = "show", description = "Show a project: live deployment, domains, variable names, members, "
            + "build settings.")
    int show(@Parameters(paramLabel = "NAME", description = "The project, by name or id.") String name,
            @Mixin JsonOption json) {
        Api.Reply reply = context.api().get("/v1/projects/" + Api.segment(name));
        if (json.printed(context, reply.body())) {
            return 0;
        }
        ProjectText.lines(reply.json(), context.style(false)).forEach(context.out()::println);
        return 0;
    }
}
