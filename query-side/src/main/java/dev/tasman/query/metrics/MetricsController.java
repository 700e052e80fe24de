package dev.tasman.query.metrics;

import dev.tasman.query.access.Access;
import dev.tasman.query.shared.Params;
import dev.tasman.query.shared.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Request rate, error rate and latency percentiles as a time series, summed over the edges' per-minute
 * aggregates. People see the projects they hold a role in.
 */
@RestController
@Tag(name = "Logs and metrics")
class MetricsController {

    static final int MAX_POINTS = 1440;
    private static final Map<String, Duration> INTERVALS = Map.of("1m", Duration.ofMinutes(1), "5m",
            Duration.ofMinutes(5), "1h", Duration.ofHours(1));
    private static final int DEFAULT_POINTS = 60;

    private final Access access;
    private final MetricsQueries queries;

    MetricsController(Access access, MetricsQueries queries) {
        this.access = access;
        this.queries = queries;
    }

    record Series(String interval, Instant from, Instant to, List<MetricsQueries.Point> points) {
    }

    @GetMapping("/v1/metrics")
    @Operation(summary = "Requests, errors, requests/s, error rate and p50/p95/p99 latency per interval",
            description = "interval 1m (default), 5m or 1h; from/to ISO-8601 (default: the last 60 intervals); at "
                    + "most 1440 points. Filters: project (id or name), deployment, edge. 503 while Elasticsearch "
                    + "cannot be reached.")
    Series metrics(@RequestParam(required = false) String project, @RequestParam(required = false) String deployment,
            @RequestParam(required = false) String edge, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String interval) {
        List<String> projects = project == null || project.isBlank() ? access.visibleProjects().orElse(null)
                : List.of(access.project(project));
        String name = interval == null || interval.isBlank() ? "1m" : interval.strip();
        Duration step = INTERVALS.get(name);
        if (step == null) {
            throw Refused.invalid("interval", "'interval' must be one of 1m, 5m, 1h, got '"
                    + (name.length() > 20 ? name.substring(0, 20) + "..." : name) + "'.");
        }
        Instant end = Params.instant("to", to);
        Instant start = Params.instant("from", from);
        end = end == null ? ceil(start == null ? Instant.now() : start.plus(step.multipliedBy(DEFAULT_POINTS)), step)
                : ceil(end, step);
        start = start == null ? end.minus(step.multipliedBy(DEFAULT_POINTS)) : floor(start, step);
        if (!start.isBefore(end)) {
            throw Refused.invalid("from", "'from' must be before 'to', got from " + start + " and to " + end + ".");
        }
        long points = Duration.between(start, end).dividedBy(step);
        if (points > MAX_POINTS) {
            throw Refused.invalid("interval", "From " + start + " to " + end + " at 'interval' " + name + " is "
                    + points + " points; at most " + MAX_POINTS + " are answered: choose a larger interval or a "
                    + "shorter range.");
        }
        MetricsQueries.Filter filter = new MetricsQueries.Filter(projects, Params.matching("deployment", deployment,
                Params.NAME, "a deployment id such as dpl_0123abcd"), Params.matching("edge", edge, Params.NAME,
                "an edge id such as syd"), start, end);
        return new Series(name, start, end, queries.series(filter, name, step));
    }

    private static Instant floor(Instant time, Duration step) {
        long ms = step.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), ms) * ms);
    }

    private static Instant ceil(Instant time, Duration step) {
        Instant down = floor(time, step);
        return down.equals(time) ? time : down.plus(step);
    }
}
