package dev.tasman.control.shared;

import java.util.List;

/** A page of a list; {@code nextOffset} is null on the last page. */
public record Page<T>(List<T> items, int limit, int offset, Integer nextOffset) {

    public static final int MAX_LIMIT = 200;

    /** Fetch one more than asked to know whether another page exists without counting. */
    public static <T> Page<T> of(List<T> fetchedLimitPlusOne, int limit, int offset) {
        boolean more = fetchedLimitPlusOne.size() > limit;
        return new Page<>(more ? fetchedLimitPlusOne.subList(0, limit) : fetchedLimitPlusOne, limit, offset,
                more ? offset + limit : null);
    }

    public static int limit(Integer limit) {
        int value = limit == null ? 50 : limit;
        if (value < 1 || value > MAX_LIMIT) {
            throw Refused.invalid("limit", "'limit' must be between 1 and " + MAX_LIMIT + ", got " + value);
        }
        return value;
    }

    public static int offset(Integer offset) {
        int value = offset == null ? 0 : offset;
        if (value < 0) {
            throw Refused.invalid("offset", "'offset' must be 0 or more, got " + value);
        }
        return value;
    }
}
