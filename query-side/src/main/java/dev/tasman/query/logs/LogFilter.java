package dev.tasman.query.logs;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/logs} asked for, checked. {@code projects} is null for everything (an admin without a
 * project filter), else the only projects whose entries may show (possibly none). {@code statuses} are exact
 * codes; {@code statusClasses} the hundreds ({@code 5} for 5xx).
 */
record LogFilter(List<String> projects, String deployment, String edge, List<Integer> statuses,
        List<Integer> statusClasses, List<String> kinds, String text, Instant from, Instant to) {
}
