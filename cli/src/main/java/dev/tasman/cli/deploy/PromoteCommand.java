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
import picocli.CommandLine.Parameters;

@Command(name = "promote", description = "Send all of the project's traffic to a deployment that every edge "
        + "holds, e.g. a preview.")
public final class PromoteCommand implements Callable<Integer> {

    private final Context context;

    @Parameters(paramLabel = "DEPLOYMENT", description = "The deployment to make live.")
    String deployment;

    @Mixin
    ProjectOption project;

    @Mixin
    JsonOption json;

    PromoteCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Api.Reply reply = context.api().post("/v1/projects/" + project.segment() + "/promote",
                Map.of("deploymentId", deployment));
        if (!json.printed(context, reply.body())) {
            context.out().println("Promoted " + Json.text(reply.json(), "liveDeploymentId", deployment) + ": it is "
                    + "live on " + project.name() + ".");
        }
        return 0;
    }
}
