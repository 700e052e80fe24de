package dev.tasman.query.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the cursor of the next ({@code nextCursor} absent on the last page). A cursor is
 * opaque to clients: the sort key of the last item, base64url-encoded, so it can change shape without breaking
 * anyone who only passes it back.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int MAX_LIMIT = 100;
    private static final String VERSION = "1:";

    /** Fetch one more than asked to know whether another page exists without counting. */
    public static <T> Page<T> of(List<T> fetchedLimitPlusOne, int limit, Function<T, String> sortKey) {
        if (fetchedLimitPlusOne.size() <= limit) {
            return new Page<>(fetchedLimitPlusOne, null);
        }
        List<T> items = fetchedLimitPlusOne.subList(0, limit);
        return new Page<>(items, encode(sortKey.apply(items.getLast())));
    }

    public static int limit(Integer limit) {
        return limit("limit", limit, 20, MAX_LIMIT);
    }

    public static int limit(String field, Integer limit, int fallback, int max) {
        int value = limit == null ? fallback : limit;
        if (value < 1 || value > max) {
            throw Refused.invalid(field, "'" + field + "' must be between 1 and " + max + ", got " + value + ".");
        }
        return value;
    }

    static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key inside {@code cursor}, or null for the first page. */
    public static String after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(VERSION)) {
                return decoded.substring(VERSION.length());
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw Refused.invalid("cursor", "'cursor' is not one this API handed out; pass the 'nextCursor' of the "
                + "previous page unchanged, or leave it out for the first page.");
    }

    /** A cursor whose sort key is a position in the event store. */
    public static Long afterPosition(String cursor) {
        String key = after(cursor);
        if (key == null) {
            return null;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw Refused.invalid("cursor", "'cursor' does not belong to this list; pass the 'nextCursor' of the "
                    + "previous page unchanged, or leave it out for the first page.");
        }
    }
}
