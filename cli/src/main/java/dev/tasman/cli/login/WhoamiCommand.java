package dev.tasman.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.JsonOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "whoami", description = "Show who the token in use belongs to, and which API it is for.")
public final class WhoamiCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    JsonOption json;

    WhoamiCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Api api = context.api();
        Api.Reply reply = api.get("/v1/whoami");
        if (json.printed(context, reply.body())) {
            return 0;
        }
        JsonNode caller = reply.json();
        context.out().println(context.style(false).bold(Json.text(caller, "subject", "?")) + " ("
                + Json.text(caller, "kind", "?").toLowerCase(Locale.ROOT) + " token "
                + Json.text(caller, "tokenId", "?") + ") at " + api.url());
        return 0;
    }
}
