package dev.tasman.cli.shared;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's JSON response as it came, for scripts. */
public final class JsonOption {

    @Option(names = "--json", description = "Print the API's JSON instead of text.")
    boolean json;

    public boolean on() {
        return json;
    }

    /** With {@code --json}, prints {@code body} (the API's JSON) and says so: the command prints nothing else. */
    public boolean printed(Context context, String body) {
        if (json) {
            context.out().println(body);
        }
        return json;
    }
}
