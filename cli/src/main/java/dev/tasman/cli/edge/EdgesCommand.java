package dev.tasman.cli.edge;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "edges", description = "List the edges; drain one that is down, reactivate it once it is back "
        + "(admins).")
public final class EdgesCommand extends Group {

    private final Context context;

    EdgesCommand(Context context) {
        this.context = context;
    }

    @Command(name = "list", description = "List the edges with their state and how many deployments each holds.")
    int list(@Mixin JsonOption json) {
        Api.Reply reply = context.api().get("/v1/edges");
        if (json.printed(context, reply.body())) {
            return 0;
        }
        JsonNode edges = reply.json();
        if (edges.isEmpty()) {
            context.out().println("No edge is registered yet.");
            return 0;
        }
        Table table = Table.of("ID", "REGION", "STATE", "URL", "HOLDS", "REPORTED");
        edges.forEach(edge -> table.row(Json.text(edge, "id", "?"), Json.text(edge, "region", ""),
                Json.text(edge, "state", "?"), Json.text(edge, "url", ""),
                Integer.toString(edge.path("holdings").size()),
                Times.local(Json.text(edge, "holdingsReportedAt", ""))));
        table.print(context.out(), context.style(false));
        return 0;
    }

    @Command(name = "drain", description = "Stop waiting for an edge: cutovers proceed without it, and "
            + "deployments stalled on it go live.")
    int drain(@Parameters(paramLabel = "ID") String id,
            @Option(names = "--reason", paramLabel = "REASON", description = "Why, for the audit trail.") String reason,
            @Mixin JsonOption json) {
        Api.Reply reply = context.api().post("/v1/edges/" + Api.segment(id) + "/drain",
                reason == null ? null : Map.of("reason", reason));
        return report(reply, json, "Drained " + id + ": cutovers no longer wait for it.");
    }

    @Command(name = "reactivate", description = "Let a drained edge rejoin; it counts again once it holds every "
            + "live deployment.")
    int reactivate(@Parameters(paramLabel = "ID") String id, @Mixin JsonOption json) {
        Api.Reply reply = context.api().post("/v1/edges/" + Api.segment(id) + "/reactivate", null);
        return report(reply, json, "Reactivated " + id + ": it rejoins once it holds every live deployment.");
    }

    private int report(Api.Reply reply, JsonOption json, String done) {
        if (!json.printed(context, reply.body())) {
            context.out().println(done + " State: " + Json.text(reply.json(), "state", "?") + ".");
        }
        return 0;
    }
}
