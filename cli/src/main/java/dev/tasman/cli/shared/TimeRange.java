package dev.tasman.cli.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --from} and {@code --to}: instants as a person types them. A time without an offset is this
 * machine's local time, a date alone its midnight; the API gets an ISO-8601 instant in UTC either way.
 */
public final class TimeRange {

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "From this time on (inclusive): 2025-11-22T14:00:00Z, 2025-11-22T14:00 (local), 2025-11-22.")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Up to this time (inclusive), written as --from.")
    Instant to;

    public Instant from() {
        return from;
    }

    public Instant to() {
        return to;
    }

    /** A range that ends before it starts is a usage error, said before any request. */
    public void check() {
        if (from != null && to != null && from.isAfter(to)) {
            throw Failure.usage("--from (" + from + ") is after --to (" + to + "): nothing can be in between.");
        }
    }

    /** Parses what a person typed as a time; null when it is not one. */
    public static Instant instant(String text, ZoneId zone) {
        String trimmed = text.strip();
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(trimmed).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d|w)");

    /** {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 1w}; null when it is not one of those. */
    public static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(7 * amount);
        };
    }

    /** Picocli's converter for times; its message becomes the one line of a usage error. */
    public static final class InstantConverter implements ITypeConverter<Instant> {

        @Override
        public Instant convert(String value) {
            Instant instant = instant(value, ZoneId.systemDefault());
            if (instant == null) {
                throw new TypeConversionException("'" + value + "' is not a time: give one like 2025-11-22T14:00:00Z, "
                        + "2025-11-22T14:00 (local time) or 2025-11-22");
            }
            return instant;
        }
    }

    /** Picocli's converter for {@code --since}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            Duration duration = duration(value);
            if (duration == null || duration.isZero()) {
                throw new TypeConversionException("'" + value + "' is not a duration: give one like 30s, 15m, 2h or 1d");
            }
            return duration;
        }
    }
}
