package dev.tasman.query.logs;

import dev.tasman.query.access.Access;
import dev.tasman.query.shared.Page;
import dev.tasman.query.shared.Params;
import dev.tasman.query.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Build logs, deployment timelines and edge requests, newest first, searchable and filtered; pages of at most
 * 500 ({@code limit}, default 100) with an opaque {@code nextCursor}. People see the projects they hold a role in.
 */
@RestController
@Tag(name = "Logs and metrics")
class LogsController {

    static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Pattern STATUS = Pattern.compile("[1-5]([0-9][0-9]|xx)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_TEXT = 200;

    /** What {@code kind} accepts. */
    enum Kind { BUILD, TIMELINE, REQUEST }

    private final Access access;
    private final LogQueries queries;

    LogsController(Access access, LogQueries queries) {
        this.access = access;
        this.queries = queries;
    }

    /** One entry as the API shows it; the request fields only on requests, {@code stream} only on build lines. */
    record LogItem(Instant time, String kind, String project, String projectName, String deployment, String edge,
            String message, String stream, String host, String method, String path, Integer status,
            Double durationMs, Long bytes) {

        static LogItem of(LogEntry e) {
            return new LogItem(e.time(), e.kind(), e.project(), e.projectName(), e.deployment(), e.edge(), e.message(),
                    e.stream(), e.host(), e.method(), e.path(), e.status(), e.durationMs(), e.bytes());
        }
    }

    @GetMapping("/v1/logs")
    @Operation(summary = "Build log lines, deployment timeline entries and edge requests, newest first",
            description = "Filters: project (id or name), deployment, edge, status (404, 5xx; comma-separated), "
                    + "kind (build, timeline, request; comma-separated), q (words in the message, path or host), "
                    + "from/to (ISO-8601, at most 31 days apart). 503 while Elasticsearch cannot be reached.")
    Page<LogItem> logs(@RequestParam(required = false) String project,
            @RequestParam(required = false) String deployment, @RequestParam(required = false) String edge,
            @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String q, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        List<String> projects = project == null || project.isBlank() ? access.visibleProjects().orElse(null)
                : List.of(access.project(project));
        List<String> kinds = Params.enums("kind", kind, Kind.class).stream()
                .map(k -> k.name().toLowerCase(Locale.ROOT)).toList();
        List<Integer> statuses = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        statuses(status, statuses, classes);
        Instant start = Params.instant("from", from);
        Instant end = Params.instant("to", to);
        checkRange(start, end, MAX_RANGE);
        LogFilter filter = new LogFilter(projects, Params.matching("deployment", deployment, Params.NAME,
                "a deployment id such as dpl_0123abcd"), Params.matching("edge", edge, Params.NAME,
                "an edge id such as syd"), statuses, classes, kinds.isEmpty()
                        ? List.of(LogEntry.BUILD, LogEntry.TIMELINE, LogEntry.REQUEST) : kinds, text(q), start, end);
        int l = Page.limit("limit", limit, 100, 500);
        Page<LogQueries.Found> page = Page.of(queries.find(filter, after(cursor), l + 1), l,
                LogQueries.Found::cursorKey);
        return new Page<>(page.items().stream().map(f -> LogItem.of(f.entry())).toList(), page.nextCursor());
    }

    /** {@code from} before {@code to}, and not further apart than {@code max}; either may be absent. */
    static void checkRange(Instant from, Instant to, Duration max) {
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                throw Refused.invalid("from", "'from' must be before 'to', got from " + from + " and to " + to + ".");
            }
            if (Duration.between(from, to).compareTo(max) > 0) {
                throw Refused.invalid("from", "'from' and 'to' may be at most " + max.toDays() + " days apart, got "
                        + Duration.between(from, to).toDays() + " days; ask for a shorter range.");
            }
        }
    }

    private static void statuses(String status, List<Integer> exact, List<Integer> hundreds) {
        if (status == null || status.isBlank()) {
            return;
        }
        for (String part : status.split(",")) {
            String code = part.trim();
            if (!STATUS.matcher(code).matches()) {
                throw Refused.invalid("status", "'status' must be HTTP status codes such as 404 or classes such as "
                        + "5xx (comma-separated), got '" + (code.length() > 20 ? code.substring(0, 20) + "..." : code)
                        + "'.");
            }
            if (code.toLowerCase(Locale.ROOT).endsWith("xx")) {
                hundreds.add(code.charAt(0) - '0');
            } else {
                exact.add(Integer.parseInt(code));
            }
        }
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        if (q.length() > MAX_TEXT) {
            throw Refused.invalid("q", "'q' may be at most " + MAX_TEXT + " characters, got " + q.length() + ".");
        }
        return q.strip();
    }

    private static LogQueries.After after(String cursor) {
        String key = Page.after(cursor);
        if (key == null) {
            return null;
        }
        int bar = key.indexOf('|');
        try {
            return new LogQueries.After(Long.parseLong(key.substring(0, bar)), key.substring(bar + 1));
        } catch (RuntimeException e) {
            throw Refused.invalid("cursor", "'cursor' does not belong to this list; pass the 'nextCursor' of the "
                    + "previous page unchanged, or leave it out for the first page.");
        }
    }
}
