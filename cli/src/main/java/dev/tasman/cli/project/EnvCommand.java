package dev.tasman.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Group;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.JsonOption;
import dev.tasman.cli.shared.ProjectOption;
import dev.tasman.cli.shared.Table;
import dev.tasman.cli.shared.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A project's environment variables. A value is never a command-line argument (it would sit in the shell
 * history and in every process listing) and is never printed: it comes from stdin or a prompt without echo.
 */
@Command(name = "env", description = "Set, list and remove a project's environment variables (values are "
        + "stored encrypted and never shown).")
public final class EnvCommand extends Group {

    private final Context context;

    EnvCommand(Context context) {
        this.context = context;
    }

    @Command(name = "set", description = {"Set a variable. The value is read from stdin when it is piped "
            + "(e.g. `tasman env set API_KEY -p shop < key.txt`), else asked for without echo.",
        "One trailing newline is dropped."})
    int set(@Parameters(paramLabel = "NAME", description = "Letters, digits and underscores.") String name,
            @Mixin ProjectOption project) {
        String value = context.console() == null ? piped() : prompted(name);
        if (value == null || value.isEmpty()) {
            throw new Failure("The value for " + name + " is empty: nothing was set.");
        }
        context.api().put("/v1/projects/" + project.segment() + "/env/" + Api.segment(name), Map.of("value", value),
                true);
        context.out().println("Set " + name + " on " + project.name() + " (stored encrypted; it is never shown "
                + "again). It applies from the next deployment.");
        return 0;
    }

    @Command(name = "list", description = "List the variable names and when each was set (never the values).")
    int list(@Mixin ProjectOption project, @Mixin JsonOption json) {
        Api.Reply reply = context.api().get("/v1/projects/" + project.segment() + "/env");
        if (json.printed(context, reply.body())) {
            return 0;
        }
        JsonNode variables = reply.json();
        if (variables.isEmpty()) {
            context.out().println(project.name() + " has no environment variables.");
            return 0;
        }
        Table table = Table.of("NAME", "SET");
        variables.forEach(variable -> table.row(Json.text(variable, "name", "?"),
                Times.local(Json.text(variable, "updatedAt", ""))));
        table.print(context.out(), context.style(false));
        return 0;
    }

    @Command(name = "rm", aliases = "remove", description = "Remove a variable.")
    int remove(@Parameters(paramLabel = "NAME") String name, @Mixin ProjectOption project) {
        context.api().delete("/v1/projects/" + project.segment() + "/env/" + Api.segment(name));
        context.out().println("Removed " + name + " from " + project.name() + ". It is gone from the next "
                + "deployment on.");
        return 0;
    }

    private String piped() {
        try {
            String value = new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
            return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (IOException e) {
            throw new Failure("Cannot read the value from stdin: " + e.getMessage() + ".", e);
        }
    }

    private String prompted(String name) {
        char[] typed = context.console().readPassword("Value for %s (not shown): ", name);
        return typed == null ? null : new String(typed);
    }
}
