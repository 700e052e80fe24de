package dev.tasman.query.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * A WHERE clause built from the filters a request actually gave. Writing every optional filter into one
 * statement as {@code (? is null or column = ?)} looks tidy, but once the driver prepares it on the server,
 * PostgreSQL settles on one generic plan for all calls, and that plan cannot use an index for a condition that
 * may be switched off: it scans every row and filters. Here each combination of filters is its own statement,
 * planned with its index.
 */
final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> arguments = new ArrayList<>();

    /** Always applies. */
    Where and(String condition, Object... values) {
        conditions.add(condition);
        arguments.addAll(List.of(values));
        return this;
    }

    /** Applies when {@code value}, the condition's one argument, was given: not null, not an empty array. */
    Where andIf(Object value, String condition) {
        boolean given = value != null && !(value instanceof Object[] array && array.length == 0);
        if (given) {
            conditions.add(condition);
            arguments.add(value);
        }
        return this;
    }

    /** Rows of projects the caller may see: all for admins, else those the caller holds a role in. */
    Where visible(Visibility visibility, String projectColumn) {
        return visibility.everything() ? this : and(projectColumn + " in (select m.project_id from "
                + "query.project_member m where m.subject = ?)", visibility.subject());
    }

    /** {@code " where a and b"}, or nothing when no condition applies. */
    String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The arguments of {@link #sql()}, then {@code more} (e.g. the limit). */
    Object[] arguments(Object... more) {
        List<Object> all = new ArrayList<>(arguments);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
