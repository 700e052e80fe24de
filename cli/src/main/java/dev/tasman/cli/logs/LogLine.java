package dev.tasman.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import dev.tasman.cli.shared.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One item of {@code GET /v1/logs} as one line: local time, where it came from ({@code edge/kind}), and the
 * message, or for an edge request {@code METHOD path status duration}. The project is named only when lines
 * of several projects may mix.
 */
final class LogLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int SOURCE_WIDTH = 14;

    private final Style style;
    private final ZoneId zone;
    private final boolean withProject;

    LogLine(Style style, ZoneId zone, boolean withProject) {
        this.style = style;
        this.zone = zone;
        this.withProject = withProject;
    }

    String format(JsonNode item) {
        String kind = Json.text(item, "kind", "?");
        String edge = Json.text(item, "edge", null);
        String source = edge == null ? kind : edge + "/" + kind;
        StringBuilder line = new StringBuilder(style.dim(time(Json.text(item, "time", "")))).append("  ");
        if (withProject) {
            line.append(Table.pad(Json.text(item, "projectName", Json.text(item, "project", "-")), 12)).append("  ");
        }
        line.append(Table.pad(source, SOURCE_WIDTH)).append("  ");
        return line.append("request".equals(kind) ? request(item) : Json.text(item, "message", "")).toString()
                .stripTrailing();
    }

    private String request(JsonNode item) {
        String status = Json.text(item, "status", "-");
        String shown = status.startsWith("5") ? style.red(status) : status.startsWith("4") ? style.yellow(status)
                : status;
        JsonNode duration = item.get("durationMs");
        return Json.text(item, "method", "?") + " " + Json.text(item, "path", "") + " " + shown
                + (duration == null || duration.isNull() ? "" : " " + milliseconds(duration) + " ms");
    }

    /** {@code 12}, or {@code 0.4}: a tenth of a millisecond only where it says something. */
    private static String milliseconds(JsonNode duration) {
        double ms = duration.asDouble();
        return ms >= 10 || ms == Math.rint(ms) ? Long.toString(Math.round(ms))
                : String.format(java.util.Locale.ROOT, "%.1f", ms);
    }

    private String time(String instant) {
        try {
            return TIME.format(Instant.parse(instant).atZone(zone));
        } catch (DateTimeParseException notAnInstant) {
            return instant;
        }
    }
}
