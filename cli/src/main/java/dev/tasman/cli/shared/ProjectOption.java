package dev.tasman.cli.shared;

import picocli.CommandLine.Option;

/** {@code --project}/{@code -p}: the project a command works on, by name or id. */
public final class ProjectOption {

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "PROJECT",
            description = "The project, by name or id.")
    String project;

    public String name() {
        return project;
    }

    /** The project as one URL path segment. */
    public String segment() {
        return Api.segment(project);
    }
}
