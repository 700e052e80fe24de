package dev.tasman.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import dev.tasman.cli.shared.Table;
import dev.tasman.cli.shared.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A deployment as {@code tasman status} prints it. */
final class DeploymentText {

    private DeploymentText() {
    }

    static List<String> lines(JsonNode deployment, String projectName, Style style) {
        List<String> lines = new ArrayList<>();
        String state = Json.text(deployment, "state", "?");
        lines.add(style.bold(Json.text(deployment, "id", "?")) + "  " + state(state, style));
        String projectId = Json.text(deployment, "projectId", "?");
        lines.add(field("Project", projectName == null || projectName.equals(projectId) ? projectId
                : projectName + " (" + projectId + ")"));
        lines.add(field("Target", Json.text(deployment, "target", "?").toLowerCase(Locale.ROOT)));
        List<String> required = Json.texts(deployment.path("requiredEdges"));
        List<String> acknowledged = Json.texts(deployment.path("acknowledgedEdges"));
        if (!required.isEmpty()) {
            List<String> waiting = required.stream().filter(edge -> !acknowledged.contains(edge)).toList();
            lines.add(field("Edges", acknowledged.size() + "/" + required.size() + " acknowledged"
                    + (waiting.isEmpty() ? "" : ", waiting for " + String.join(", ", waiting))));
        }
        lines.add(field("Source", source(deployment.path("source"))));
        lines.add(field("Created", Times.local(Json.text(deployment, "createdAt", "")) + " by "
                + Json.text(deployment, "createdBy", "?")));
        String failure = Json.text(deployment, "failureReason", null);
        if (failure != null) {
            lines.add(field("Reason", failure));
        }
        for (String syncFailure : Json.texts(deployment.path("syncFailures"))) {
            lines.add(field("Sync", syncFailure));
        }
        return lines;
    }

    private static String state(String state, Style style) {
        return switch (state) {
            case "LIVE", "READY" -> style.green(state);
            case "FAILED", "STALLED", "CANCELLED" -> style.red(state);
            case "SUPERSEDED" -> style.dim(state);
            default -> style.yellow(state);
        };
    }

    private static String source(JsonNode source) {
        String kind = Json.text(source, "kind", "?");
        String location = Json.text(source, "location", "?");
        if ("git".equals(kind)) {
            return location + " " + Json.text(source, "ref", "HEAD") + " (" + Json.text(source, "commit", "?") + ")";
        }
        return "archive".equals(kind) ? "uploaded archive (sha256 " + location + ")" : kind + " " + location;
    }

    private static String field(String label, String value) {
        return "  " + Table.pad(label, 9) + value;
    }
}
