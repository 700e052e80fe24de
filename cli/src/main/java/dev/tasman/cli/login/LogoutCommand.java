package dev.tasman.cli.login;

import dev.tasman.cli.shared.ConfigFile;
import dev.tasman.cli.shared.Context;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Forgets the saved login. The token stays valid: revoke it in the API to end it everywhere. */
@Command(name = "logout", description = "Remove the saved login (the token itself stays valid until revoked).")
public final class LogoutCommand implements Callable<Integer> {

    private final Context context;

    LogoutCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigFile config = context.config();
        context.out().println(config.delete() ? "Logged out: removed " + config.path() + "."
                : "No saved login at " + config.path() + ".");
        if (context.env("TASMAN_TOKEN") != null) {
            context.out().println("TASMAN_TOKEN is still set in this environment; commands keep using it.");
        }
        return 0;
    }
}
