package dev.tasman.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import dev.tasman.cli.shared.Table;
import dev.tasman.cli.shared.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A project's details as aligned "label  value" lines. */
final class ProjectText {

    private static final String[] BUILD_FIELDS = {"installCommand", "buildCommand", "outputDirectory", "server"};

    private ProjectText() {
    }

    static List<String> lines(JsonNode project, Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.bold(Json.text(project, "name", "?")) + "  " + style.dim(Json.text(project, "id", "")));
        lines.add(field("Owner", Json.text(project, "owner", "")));
        lines.add(field("Live", Json.text(project, "liveDeploymentId", "none yet")));
        lines.add(field("Domains", joined(Json.texts(project.path("domains")))));
        List<String> variables = new ArrayList<>();
        project.path("environment").forEach(variable -> variables.add(Json.text(variable, "name", "?")));
        lines.add(field("Variables", joined(variables)));
        List<String> members = new ArrayList<>();
        project.path("members").forEach(member -> members.add(Json.text(member, "subject", "?") + " ("
                + Json.text(member, "role", "?").toLowerCase(Locale.ROOT) + ")"));
        lines.add(field("Members", joined(members)));
        lines.add(field("Build", build(project.path("buildSettings"))));
        lines.add(field("Created", Times.local(Json.text(project, "createdAt", ""))));
        return lines;
    }

    private static String build(JsonNode settings) {
        List<String> set = new ArrayList<>();
        for (String field : BUILD_FIELDS) {
            String value = Json.text(settings, field, null);
            if (value != null) {
                set.add(field + ": " + value);
            }
        }
        return set.isEmpty() ? "from tasman.json, else the defaults" : String.join("; ", set);
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String field(String label, String value) {
        return "  " + Table.pad(label, 11) + value;
    }
}
