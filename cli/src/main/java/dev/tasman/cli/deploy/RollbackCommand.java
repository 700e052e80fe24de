package dev.tasman.cli.deploy;

import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.JsonOption;
import dev.tasman.cli.shared.ProjectOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rollback", description = "Route the project back to its previous release, or to the deployment "
        + "named with --to. Only routing changes: every edge still holds it, nothing is fetched again.")
public final class RollbackCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--to", paramLabel = "DEPLOYMENT", description = "The deployment to route to (default: the "
            + "one live before the current one).")
    String to;

    @Mixin
    ProjectOption project;

    @Mixin
    JsonOption json;

    RollbackCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Api.Reply reply = context.api().post("/v1/projects/" + project.segment() + "/rollback",
                to == null ? null : Map.of("deploymentId", to));
        if (!json.printed(context, reply.body())) {
            context.out().println("Rolled back " + project.name() + ": "
                    + Json.text(reply.json(), "liveDeploymentId", "?") + " is live again.");
        }
        return 0;
    }
}
