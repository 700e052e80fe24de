package dev.tasman.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import dev.tasman.cli.shared.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A line per edge the deployment waits for, with where its acknowledgement stands. On a terminal the block
 * is redrawn in place; otherwise a line is printed whenever an edge's state changes, so a log file reads as
 * the story of the propagation.
 */
final class EdgeProgress {

    static final String ACKNOWLEDGED = "acknowledged";
    static final String WAITING = "waiting";

    private final PrintWriter out;
    private final Style style;
    private final boolean redraw;
    private Map<String, String> shown = new LinkedHashMap<>();
    private int drawn;

    EdgeProgress(PrintWriter out, Style style, boolean redraw) {
        this.out = out;
        this.style = style;
        this.redraw = redraw;
    }

    void update(JsonNode deployment) {
        Map<String, String> now = statuses(deployment);
        if (now.isEmpty() && shown.isEmpty() || now.equals(shown) && (drawn > 0 || !redraw)) {
            return;
        }
        int width = now.keySet().stream().mapToInt(String::length).max().orElse(0);
        if (redraw) {
            List<String> lines = new ArrayList<>();
            long acknowledged = now.values().stream().filter(ACKNOWLEDGED::equals).count();
            lines.add(header(now) + " (" + acknowledged + "/" + now.size() + " acknowledged)");
            now.forEach((edge, status) -> lines.add(line(edge, status, width)));
            if (drawn > 0) {
                out.print("\u001b[" + drawn + "A"); // back to the block's first line
            }
            lines.forEach(line -> out.print("\r\u001b[2K" + line + "\n"));
            out.print("\u001b[J"); // clear what a longer block left below
            drawn = lines.size();
        } else {
            if (shown.isEmpty()) {
                out.println(header(now) + ": " + String.join(", ", now.keySet()));
            }
            now.forEach((edge, status) -> {
                if (!status.equals(shown.get(edge))) {
                    out.println(line(edge, status, width));
                }
            });
            shown.keySet().stream().filter(edge -> !now.containsKey(edge))
                    .forEach(edge -> out.println(line(edge, "no longer waited for (drained)", width)));
        }
        out.flush();
        shown = now;
    }

    private static String header(Map<String, String> edges) {
        return "Propagating to " + edges.size() + (edges.size() == 1 ? " edge" : " edges");
    }

    private String line(String edge, String status, int width) {
        String shownStatus = status.equals(ACKNOWLEDGED) ? style.green(status)
                : status.equals(WAITING) ? style.yellow(status) : style.red(status);
        return "  " + Table.pad(edge, width + 2) + shownStatus;
    }

    /** Each required edge, in the API's order: acknowledged, waiting, or retrying after a failed sync. */
    static Map<String, String> statuses(JsonNode deployment) {
        Set<String> acknowledged = new HashSet<>(Json.texts(deployment.path("acknowledgedEdges")));
        Map<String, String> failures = new LinkedHashMap<>();
        for (String failure : Json.texts(deployment.path("syncFailures"))) {
            int colon = failure.indexOf(": ");
            if (colon > 0) {
                failures.put(failure.substring(0, colon), failure.substring(colon + 2));
            }
        }
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String edge : Json.texts(deployment.path("requiredEdges"))) {
            statuses.put(edge, acknowledged.contains(edge) ? ACKNOWLEDGED
                    : failures.containsKey(edge) ? "sync failed, retrying: " + failures.get(edge) : WAITING);
        }
        return statuses;
    }
}
