package dev.tasman.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code --follow} has not printed yet. Each poll asks for lines from the newest time already shown
 * (inclusive, since more lines may share that millisecond), so the lines at that very time are remembered
 * and left out when they come again. A line is known by its whole content: two lines identical in every
 * field, time included, print once.
 */
final class NewLines {

    private Instant newest;
    private final Set<String> atNewest = new HashSet<>();

    /** The time to ask from next; null before any line was seen. */
    Instant newest() {
        return newest;
    }

    /** From the API's items (newest first), those not yet printed, oldest first; remembers them. */
    List<JsonNode> take(JsonNode newestFirst) {
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode item : newestFirst) {
            Instant time = time(item);
            if (time == null || newest != null && time.isBefore(newest)) {
                continue;
            }
            if (newest != null && time.equals(newest) && atNewest.contains(Json.write(item))) {
                continue;
            }
            fresh.addFirst(item);
        }
        for (JsonNode item : fresh) {
            Instant time = time(item);
            if (newest == null || time.isAfter(newest)) {
                newest = time;
                atNewest.clear();
            }
            if (time.equals(newest)) {
                atNewest.add(Json.write(item));
            }
        }
        return fresh;
    }

    private static Instant time(JsonNode item) {
        try {
            return Instant.parse(Json.text(item, "time", ""));
        } catch (DateTimeParseException noTime) {
            return null;
        }
    }
}
