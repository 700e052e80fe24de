package dev.tasman.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Style;
import dev.tasman.cli.shared.Times;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A replay's progress: on a terminal one bar redrawn in place; otherwise a line at each tenth of the way
 * (and when the replay starts retrying), so a CI log reads as the story without a line per poll.
 */
final class ReplayProgress {

    static final int BAR = 30;

    private final PrintWriter out;
    private final Style style;
    private final boolean redraw;
    private int shownTenth = -1;
    private String shownError;
    private boolean drawn;

    ReplayProgress(PrintWriter out, Style style, boolean redraw) {
        this.out = out;
        this.style = style;
        this.redraw = redraw;
    }

    void update(JsonNode status) {
        double progress = Math.clamp(status.path("progress").asDouble(0), 0, 1);
        String error = Json.text(status, "error", null);
        String text = percent(progress) + "  " + counts(status) + rate(status)
                + (error == null ? "" : "  " + style.yellow("retrying: " + error));
        if (redraw) {
            int filled = (int) Math.round(progress * BAR);
            out.print("\r\u001b[2K[" + style.green("#".repeat(filled)) + "-".repeat(BAR - filled) + "] " + text);
            drawn = true;
        } else {
            int tenth = (int) Math.floor(progress * 10);
            if (tenth == shownTenth && java.util.Objects.equals(error, shownError)) {
                return;
            }
            shownTenth = tenth;
            shownError = error;
            out.println("Replaying: " + text);
        }
        out.flush();
    }

    /** Ends a bar's line, so what follows starts on its own. */
    void finish() {
        if (drawn) {
            out.print("\r\u001b[2K");
            out.flush();
        }
    }

    /** The last line: which generation serves now, how many events, how fast. */
    static String summary(String readModel, JsonNode status) {
        String took = "";
        try {
            took = " in " + Times.duration(Duration.between(Instant.parse(Json.text(status, "startedAt", "")),
                    Instant.parse(Json.text(status, "finishedAt", ""))));
        } catch (DateTimeParseException | NullPointerException noTimes) {
            // said without the time
        }
        return "Replayed " + readModel + ": generation " + Json.text(status, "generation", "?") + " serves now, "
                + "rebuilt up to event " + Json.text(status, "positionReached", "?") + took + rate(status) + ".";
    }

    private static String percent(double progress) {
        return String.format(Locale.ROOT, "%3d%%", (int) Math.floor(progress * 100));
    }

    private static String counts(JsonNode status) {
        return Json.text(status, "positionReached", "0") + "/" + Json.text(status, "headPosition", "?") + " events";
    }

    private static String rate(JsonNode status) {
        JsonNode rate = status.get("eventsPerSecond");
        return rate == null || rate.isNull() ? "" : String.format(Locale.ROOT, " (%,.0f events/s)", rate.asDouble());
    }
}
