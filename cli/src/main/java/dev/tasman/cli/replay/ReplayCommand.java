package dev.tasman.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Rebuilds a read model from the event store ({@code POST /v1/admin/replay/{readModel}}) and follows it
 * until the rebuilt one serves. When one is already running (409), that one is followed instead: the person
 * wanted the read model rebuilt, and it is being rebuilt.
 */
@Command(name = "replay", description = {"Rebuild a read model (e.g. dashboard) from the event store, "
        + "showing its progress until the rebuilt one serves (admins).",
    "The current one keeps answering meanwhile. Ctrl-C stops following, not the replay."})
public final class ReplayCommand implements Callable<Integer> {

    static final Duration POLL = Duration.ofMillis(500);

    private final Context context;

    @Parameters(paramLabel = "READMODEL", description = "The read model to rebuild, e.g. dashboard.")
    String readModel;

    @Option(names = "--no-wait", description = "Start the replay and return without following it.")
    boolean noWait;

    @Option(names = "--json", description = "Print the replay's final status as the API's JSON.")
    boolean json;

    ReplayCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        Api api = context.queryApi();
        String path = "/v1/admin/replay/" + Api.segment(readModel);
        JsonNode status;
        try {
            status = api.post(path, null).json();
        } catch (Api.Refusal refused) {
            if (refused.status() != 409) {
                throw refused;
            }
            status = api.get(path).json();
            if (!json) {
                context.out().println("A replay of " + readModel + " is already running (generation "
                        + Json.text(status, "generation", "?") + "): following it.");
            }
        }
        int generation = status.path("generation").asInt();
        if (noWait) {
            return done(status, "Replaying " + readModel + " into generation " + generation + "; see its "
                    + "progress with `tasman replay " + readModel + "` (it follows a running replay).");
        }
        ReplayProgress progress = new ReplayProgress(context.out(), context.style(json), context.redraw() && !json);
        while (!finished(status, generation)) {
            if (!json) {
                progress.update(status);
            }
            Thread.sleep(POLL.toMillis());
            status = api.get(path).json();
            if ("NONE".equals(Json.text(status, "state", null)) || status.path("generation").asInt() != generation) {
                throw new Failure("The replay of " + readModel + " (generation " + generation + ") is gone from the "
                        + "query side: it was restarted or replaced. Run `tasman replay " + readModel + "` again.");
            }
        }
        progress.finish();
        return done(status, ReplayProgress.summary(readModel, status));
    }

    private static boolean finished(JsonNode status, int generation) {
        return "FINISHED".equals(Json.text(status, "state", null)) && status.path("generation").asInt() == generation;
    }

    private int done(JsonNode status, String sentence) {
        context.out().println(json ? Json.write(status) : sentence);
        return 0;
    }
}
