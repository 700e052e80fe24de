package dev.tasman.cli.shared;

import picocli.CommandLine.Option;

/** {@code --json}: print the API's JSON response as it came, for scripts. */
public final class JsonOption {

    @Option(names = "--json", description = "Print the API's JSON instead of text.")
    boolean json;

    public boolean on() {
        return json;
    }
}
