package dev.tasman.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.ConfigFile;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Checks a token against the API ({@code GET /v1/whoami}) and saves it with its URL. */
@Command(name = "login", description = {"Log in to a Tasman control plane with an API token and remember it.",
    "The token is asked for without echo, or read from stdin with --token-stdin; it is checked with the API, "
            + "then saved (with the URL) in $XDG_CONFIG_HOME/tasman/config.json, readable only by you."})
public final class LoginCommand implements Callable<Integer> {

    static final String LOCAL = "http://127.0.0.1:7070";

    private final Context context;

    @Option(names = "--url", paramLabel = "URL", description = "The control plane's URL (default: $TASMAN_URL, "
            + "the saved login's, or " + LOCAL + " where ./tasman-local runs it).")
    String url;

    @Option(names = "--query-url", paramLabel = "URL", description = "The query side's URL (logs, audit, replay), "
            + "saved with the login; without it, the control plane's GET /v1/platform says where it is.")
    String queryUrl;

    @Option(names = "--token-stdin", description = "Read the token from the first line of stdin instead of "
            + "asking for it.")
    boolean tokenStdin;

    LoginCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String base = url != null ? url : context.env("TASMAN_URL") != null ? context.env("TASMAN_URL")
                : context.config().read().map(ConfigFile.Saved::url).orElse(LOCAL);
        try {
            Api.base(base); // before asking for the token
        } catch (Failure notAUrl) {
            throw url != null ? Failure.usage(notAUrl.getMessage()) : notAUrl; // a wrong --url is a usage error
        }
        if (queryUrl != null) {
            try {
                Api.base(queryUrl);
            } catch (Failure notAUrl) {
                throw Failure.usage("--query-url: " + notAUrl.getMessage());
            }
        }
        String token = tokenStdin ? firstLine() : prompt(base);
        if (token == null || token.isBlank()) {
            throw new Failure("No token given: nothing was saved. An admin token of a local platform is in "
                    + ".tasman-local/control/admin-token.");
        }
        Api api = context.api(base, token.strip());
        JsonNode caller;
        try {
            caller = api.get("/v1/whoami").json();
        } catch (Api.Refusal refused) {
            throw refused.status() == 401 ? new Failure(api.url() + " refused the token: nothing was saved.")
                    : refused;
        }
        ConfigFile config = context.config();
        config.write(new ConfigFile.Saved(api.url(), token.strip(), queryUrl == null ? null : queryUrl.strip()));
        context.out().println("Logged in to " + api.url() + " as " + Json.text(caller, "subject", "?") + " ("
                + Json.text(caller, "kind", "?").toLowerCase(java.util.Locale.ROOT) + " token). Saved in "
                + config.path() + "." + (queryUrl == null ? "" : " Query side: " + queryUrl.strip() + "."));
        return 0;
    }

    private String firstLine() {
        try {
            return new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new Failure("Cannot read the token from stdin: " + e.getMessage() + ".", e);
        }
    }

    private String prompt(String base) {
        if (context.console() == null) {
            throw Failure.usage("No terminal to ask for the token on: pipe it in with `tasman login --token-stdin`.");
        }
        char[] typed = context.console().readPassword("API token for %s: ", base);
        return typed == null ? null : new String(typed);
    }
}
