package dev.tasman.cli.shared;

import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code tasman projects}): run alone, it is a usage error. */
public abstract class Group implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        String names = spec.subcommands().keySet().stream().filter(name -> !name.equals("help"))
                .collect(Collectors.joining("|"));
        throw new ParameterException(spec.commandLine(), "Missing subcommand: " + spec.qualifiedName(" ") + " "
                + names);
    }
}
