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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A line per edge the deployment waits for. On a terminal the block is redrawn in place and each line is a
 * bar of how much of the deployment that edge holds (from the edges' progress reports, {@code edgeProgress});
 * otherwise a line is printed whenever an edge's state changes and once when it is past halfway, so a log
 * file reads as the story of the propagation and stays short. Only the acknowledgement fills a bar: a
 * report of every file present is not yet the edge's word that it verified and stored them all.
 */
final class EdgeProgress {

    static final String ACKNOWLEDGED = "acknowledged";
    static final String WAITING = "waiting";
    static final int BAR = 20;

    private final PrintWriter out;
    private final Style style;
    private final boolean redraw;
    private Map<String, String> shown = new LinkedHashMap<>();
    private final Set<String> pastHalf = new HashSet<>();
    private List<String> drawnLines = List.of();
    private final String full;
    private final String empty;

    EdgeProgress(PrintWriter out, Style style, boolean redraw) {
        this(out, style, redraw, true);
    }

    /** @param blocks whether the terminal's charset prints the bar's block characters; '#' and '-' otherwise */
    EdgeProgress(PrintWriter out, Style style, boolean redraw, boolean blocks) {
        this.out = out;
        this.style = style;
        this.redraw = redraw;
        this.full = blocks ? "█" : "#";
        this.empty = blocks ? "░" : "-";
    }

    /** What one edge said about its fetch: how many of the deployment's files and bytes it holds. */
    record Fetch(long filesTotal, long filesPresent, long bytesTotal, long bytesPresent) {

        /** By bytes, or by files for a deployment of empty files; never 100 before everything is present. */
        int percent() {
            long total = bytesTotal > 0 ? bytesTotal : filesTotal;
            long present = bytesTotal > 0 ? bytesPresent : filesPresent;
            return total <= 0 ? 0 : (int) Math.min(100, Math.floorDiv(present * 100, total));
        }

        String counts() {
            return filesPresent + "/" + filesTotal + " files  " + Sizes.of(bytesPresent) + "/" + Sizes.of(bytesTotal);
        }
    }

    void update(JsonNode deployment) {
        Map<String, String> now = statuses(deployment);
        if (now.isEmpty() && shown.isEmpty()) {
            return;
        }
        Map<String, Fetch> fetches = fetches(deployment);
        int width = now.keySet().stream().mapToInt(String::length).max().orElse(0);
        if (redraw) {
            List<String> lines = new ArrayList<>();
            long acknowledged = now.values().stream().filter(ACKNOWLEDGED::equals).count();
            lines.add(header(now) + " (" + acknowledged + "/" + now.size() + " acknowledged)");
            now.forEach((edge, status) -> lines.add(bar(edge, status, fetches.get(edge), width)));
            if (lines.equals(drawnLines)) {
                return;
            }
            if (!drawnLines.isEmpty()) {
                out.print("\u001b[" + drawnLines.size() + "A"); // back to the block's first line
            }
            lines.forEach(line -> out.print("\r\u001b[2K" + line + "\n"));
            out.print("\u001b[J"); // clear what a longer block left below
            drawnLines = lines;
        } else {
            if (shown.isEmpty()) {
                out.println(header(now) + ": " + String.join(", ", now.keySet()));
            }
            now.forEach((edge, status) -> {
                if (!status.equals(shown.get(edge))) {
                    out.println(line(edge, status, width));
                }
                Fetch fetch = fetches.get(edge);
                if (status.equals(WAITING) && fetch != null && fetch.percent() >= 50 && pastHalf.add(edge)) {
                    out.println("  " + Table.pad(edge, width + 2) + "past half: " + fetch.percent() + "%  "
                            + fetch.counts());
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

    /** {@code  syd  [██████████░░░░░░░░░░]  52%  13/25 files  1.2 MB/2.3 MB}; a failed sync stays a red line. */
    String bar(String edge, String status, Fetch fetch, int width) {
        String name = "  " + Table.pad(edge, width + 2);
        if (status.equals(ACKNOWLEDGED)) {
            return name + filled(BAR) + "  100%  " + style.green(status);
        }
        if (!status.equals(WAITING)) {
            return name + style.red(status);
        }
        if (fetch == null) {
            return name + filled(0) + "        " + style.yellow(WAITING);
        }
        int percent = fetch.percent();
        return name + filled(percent * BAR / 100) + "  " + String.format(Locale.ROOT, "%3d%%", percent) + "  "
                + fetch.counts();
    }

    private String filled(int cells) {
        return "[" + full.repeat(cells) + empty.repeat(BAR - cells) + "]";
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

    /** The latest progress report per edge; none from a control plane that predates them. */
    static Map<String, Fetch> fetches(JsonNode deployment) {
        Map<String, Fetch> fetches = new LinkedHashMap<>();
        deployment.path("edgeProgress").properties().forEach(entry -> {
            JsonNode report = entry.getValue();
            fetches.put(entry.getKey(), new Fetch(report.path("filesTotal").asLong(), report.path("filesPresent").asLong(),
                    report.path("bytesTotal").asLong(), report.path("bytesPresent").asLong()));
        });
        return fetches;
    }
}
