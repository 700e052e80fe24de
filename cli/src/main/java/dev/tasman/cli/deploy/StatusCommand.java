package dev.tasman.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.JsonOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Show a deployment: its state, its edges' acknowledgements, why it failed. "
        + "Without DEPLOYMENT, the project's latest.")
public final class StatusCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(arity = "0..1", paramLabel = "DEPLOYMENT", description = "A deployment id.")
    String deployment;

    @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", description = "Show this project's latest "
            + "deployment (by name or id).")
    String project;

    @Mixin
    JsonOption json;

    StatusCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (deployment == null && project == null) {
            throw Failure.usage("Name a deployment, or a project whose latest deployment to show: "
                    + "tasman status DEPLOYMENT, or tasman status --project PROJECT.");
        }
        Api api = context.api();
        JsonNode found;
        String body;
        if (deployment != null) {
            Api.Reply reply = api.get("/v1/deployments/" + Api.segment(deployment));
            body = reply.body();
            found = reply.json();
        } else {
            JsonNode items = api.get("/v1/projects/" + Api.segment(project) + "/deployments?limit=1").json()
                    .path("items");
            if (items.isEmpty()) {
                throw new Failure("Project " + project + " has no deployments yet: tasman deploy DIR --project "
                        + project);
            }
            found = items.get(0);
            body = Json.write(found);
        }
        if (json.printed(context, body)) {
            return 0;
        }
        DeploymentText.lines(found, projectName(api, found), context.style(false)).forEach(context.out()::println);
        return 0;
    }

    /** The project's name for the text; its id when the name cannot be read. */
    private String projectName(Api api, JsonNode deployment) {
        String id = Json.text(deployment, "projectId", null);
        if (id == null) {
            return null;
        }
        try {
            return Json.text(api.get("/v1/projects/" + Api.segment(id)).json(), "name", id);
        } catch (Failure unreadable) {
            return id;
        }
    }
}
