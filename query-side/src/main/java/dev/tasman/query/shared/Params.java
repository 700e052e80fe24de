package dev.tasman.query.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Query parameters checked one by one; each refusal names the parameter and what it accepts. */
public final class Params {

    /** A subject, an id, a name: what the control plane accepts for them, and nothing that needs escaping. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
    /** An event type: its simple name or its fully qualified class name. */
    public static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private Params() {
    }

    /** One or more comma-separated constants of {@code type}, in any case; empty for none given. */
    public static <E extends Enum<E>> List<E> enums(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<E> parsed = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            try {
                parsed.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
                throw Refused.invalid(field, "'" + field + "' must be one or more of " + allowed
                        + " (comma-separated), got '" + abbreviate(part.trim()) + "'.");
            }
        }
        return List.copyOf(parsed);
    }

    /** {@code value} if it matches, null if absent. */
    public static String matching(String field, String value, Pattern pattern, String expected) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw Refused.invalid(field, "'" + field + "' must be " + expected + ", got '" + abbreviate(value) + "'.");
        }
        return value;
    }

    /** An ISO-8601 instant with its offset ({@code 2026-11-22T01:02:03Z}, {@code …+11:00}), or null if absent. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // an unencoded '+' in a query string arrives as a space: 2026-11-22T12:00:00+11:00 still means that
            return OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw Refused.invalid(field, "'" + field + "' must be an ISO-8601 time with an offset, such as "
                    + "2026-11-22T01:02:03Z, got '" + abbreviate(value) + "'.");
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
