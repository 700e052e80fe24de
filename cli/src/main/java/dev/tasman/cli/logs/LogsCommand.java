package dev.tasman.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.QueryString;
import dev.tasman.cli.shared.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Build logs, deployment timelines and edge requests from the query side's {@code GET /v1/logs}. */
@Command(name = "logs", description = {"Show build logs, deployment timelines and edge requests, oldest first.",
    "Without --follow, the newest --limit lines that match; with it, then every new line until Ctrl-C."})
public final class LogsCommand implements Callable<Integer> {

    static final Duration POLL = Duration.ofSeconds(1);
    /** Pages read per poll while following: a burst larger than this between two polls is cut short. */
    private static final int PAGES_PER_POLL = 10;

    enum Kind { build, timeline, request }

    private final Context context;

    @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", description = "Only this project (name or id).")
    String project;

    @Option(names = {"-d", "--deployment"}, paramLabel = "DEPLOYMENT", description = "Only this deployment.")
    String deployment;

    @Option(names = {"-e", "--edge"}, paramLabel = "EDGE", description = "Only what this edge logged.")
    String edge;

    @Option(names = "--status", paramLabel = "STATUS", description = "Only requests answered with these HTTP statuses: 404, 5xx, "
            + "comma-separated.")
    String status;

    @Option(names = {"-k", "--kind"}, paramLabel = "KIND", split = ",",
            description = "Only these kinds, comma-separated: ${COMPLETION-CANDIDATES}.")
    List<Kind> kinds;

    @Option(names = {"-q", "--query"}, paramLabel = "TEXT", description = "Only lines matching this text.")
    String query;

    @Option(names = "--since", paramLabel = "DURATION", converter = TimeRange.DurationConverter.class,
            description = "Only the last DURATION: 30s, 15m, 2h, 1d (instead of --from).")
    Duration since;

    @Mixin
    TimeRange range;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "100",
            description = "At most N lines, the newest (1-500; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they come, until Ctrl-C.")
    boolean follow;

    @Option(names = "--json", description = "Print the API's JSON instead of text (with --follow: one JSON "
            + "object per line).")
    boolean json;

    LogsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        check();
        Api api = context.queryApi();
        Instant from = since != null ? Instant.now().minus(since).truncatedTo(ChronoUnit.MILLIS) : range.from();
        Api.Reply first = api.get(parameters(from).add("limit", limit).on("/v1/logs"));
        JsonNode items = first.json().path("items");
        if (json && !follow) {
            context.out().println(first.body());
            return 0;
        }
        LogLine line = new LogLine(context.style(json), ZoneId.systemDefault(), project == null && deployment == null);
        NewLines seen = new NewLines();
        List<JsonNode> shown = seen.take(items);
        print(shown, line);
        if (!follow) {
            if (shown.isEmpty()) {
                context.out().println("No log lines match.");
            }
            return 0;
        }
        while (true) {
            Thread.sleep(POLL.toMillis());
            Instant after = seen.newest() != null ? seen.newest() : from;
            print(seen.take(newer(api, after)), line);
        }
    }

    /** Every line from {@code from} on, newest first, reading up to {@link #PAGES_PER_POLL} pages. */
    private JsonNode newer(Api api, Instant from) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < PAGES_PER_POLL; page++) {
            JsonNode answer = api.get(parameters(from).add("limit", 500).add("cursor", cursor).on("/v1/logs")).json();
            answer.path("items").forEach(items::add);
            cursor = Json.text(answer, "nextCursor", null);
            if (cursor == null) {
                break;
            }
        }
        return Json.MAPPER.valueToTree(items);
    }

    private void print(List<JsonNode> items, LogLine line) {
        items.forEach(item -> context.out().println(json ? Json.write(item) : line.format(item)));
        context.out().flush();
    }

    private void check() {
        range.check();
        if (since != null && range.from() != null) {
            throw Failure.usage("Give --since or --from, not both.");
        }
        if (follow && range.to() != null) {
            throw Failure.usage("--follow waits for new lines, so it takes no --to.");
        }
        if (limit < 1 || limit > 500) {
            throw Failure.usage("--limit must be between 1 and 500, got " + limit + ".");
        }
    }

    QueryString parameters(Instant from) {
        return new QueryString().add("project", project).add("deployment", deployment).add("edge", edge)
                .add("status", status).add("kind", kinds == null ? null : kinds.stream().map(Kind::name)
                        .map(name -> name.toLowerCase(Locale.ROOT)).distinct().collect(Collectors.joining(",")))
                .add("q", query).add("from", from).add("to", range.to());
    }
}
