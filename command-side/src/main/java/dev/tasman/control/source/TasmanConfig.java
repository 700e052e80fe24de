package dev.tasman.control.source;

import dev.tasman.api.manifest.RoutingRules;
import dev.tasman.api.project.BuildSettings;

/**
 * What a source's {@code tasman.json} says. A null field is "not set here": the project's build
 * settings apply, then the platform default (no install, no build, output {@code .}, no SSR entry).
 * {@code outputDirectory} and {@code server} are relative paths without '..'.
 */
public record TasmanConfig(String installCommand, String buildCommand, String outputDirectory, String server,
        RoutingRules routing) {

    /** A source without {@code tasman.json}. */
    public static TasmanConfig none() {
        return new TasmanConfig(null, null, null, null, RoutingRules.none());
    }

    /**
     * The settings a build uses: this file over the project's settings, field by field (as
     * {@code vercel.json} overrides the dashboard), then the defaults. Output is never null.
     */
    public BuildSettings over(BuildSettings project) {
        BuildSettings settings = project == null ? BuildSettings.defaults() : project;
        String output = first(outputDirectory, settings.outputDirectory());
        return new BuildSettings(first(installCommand, settings.installCommand()),
                first(buildCommand, settings.buildCommand()), output == null ? "." : output,
                first(server, settings.server()));
    }

    private static String first(String mine, String theirs) {
        return mine != null ? mine : theirs;
    }
}
