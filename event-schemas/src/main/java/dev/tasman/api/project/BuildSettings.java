package dev.tasman.api.project;

/**
 * How a project is built. Any field may be null: null means "not set here", so {@code tasman.json}
 * or the platform default applies (no install, no build, output {@code .}, no SSR entry).
 */
public record BuildSettings(String installCommand, String buildCommand, String outputDirectory, String server) {

    public static BuildSettings defaults() {
        return new BuildSettings(null, null, null, null);
    }
}
