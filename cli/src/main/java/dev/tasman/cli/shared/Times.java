package dev.tasman.cli.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times as a person reads them: the API's instants in the local zone, durations in seconds. */
public final class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Times() {
    }

    /** {@code 2025-11-22 14:32} in this machine's zone; the API's text as it is if it is not an instant. */
    public static String local(String instant) {
        if (instant == null || instant.isBlank() || "null".equals(instant)) {
            return "";
        }
        try {
            return MINUTES.format(Instant.parse(instant).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException notAnInstant) {
            return instant;
        }
    }

    /** {@code 8.4 s}, or {@code 2 min 5 s} from a minute on. */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
