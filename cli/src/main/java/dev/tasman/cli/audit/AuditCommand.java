package dev.tasman.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.QueryString;
import dev.tasman.cli.shared.Table;
import dev.tasman.cli.shared.TimeRange;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The audit trail: the events as stored, from the query side's {@code GET /v1/audit}. */
@Command(name = "audit", description = {"Show the audit trail: every event as stored, oldest first, secrets removed.",
    "Admins read everything; a project's owners read its trail with --project. --jsonl prints every match as "
            + "JSON Lines, streamed."})
public final class AuditCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--aggregate", paramLabel = "ID", description = "Only events of this aggregate (prj_…, dpl_…, an edge id).")
    String aggregate;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type, e.g. ProjectCreated.")
    String type;

    @Option(names = "--actor", paramLabel = "SUBJECT", description = "Only events caused by this token subject.")
    String actor;

    @Option(names = "--correlation", paramLabel = "ID", description = "Only events of this correlation id "
            + "(one request and what followed from it).")
    String correlation;

    @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", description = "Only this project and its "
            + "deployments (name or id).")
    String project;

    @Option(names = "--after", paramLabel = "POSITION", description = "Only events after this position (the "
            + "next page starts after the last position shown).")
    Long after;

    @Mixin
    TimeRange range;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "At most N events (1-500; default 100; "
            + "with --jsonl, all unless given).")
    Integer limit;

    @Option(names = "--jsonl", description = "Print every matching event as one JSON object per line, as the "
            + "query side streams them.")
    boolean jsonl;

    @Option(names = "--json", description = "Print the API's JSON page instead of text.")
    boolean json;

    AuditCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        check();
        Api api = context.queryApi();
        QueryString query = new QueryString().add("aggregate", aggregate).add("type", type).add("actor", actor)
                .add("correlationId", correlation).add("project", project).add("after", after)
                .add("from", range.from()).add("to", range.to()).add("limit", limit);
        if (jsonl) {
            api.lines(query.on("/v1/audit"), "application/x-ndjson", line -> {
                if (!line.isBlank()) {
                    context.out().println(line);
                }
            });
            context.out().flush();
            return 0;
        }
        Api.Reply reply = api.get(query.on("/v1/audit"));
        if (json) {
            context.out().println(reply.body());
            return 0;
        }
        JsonNode page = reply.json();
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            context.out().println("No events match.");
            return 0;
        }
        Table table = Table.of("POSITION", "TIME", "TYPE", "AGGREGATE", "ACTOR", "PAYLOAD");
        items.forEach(entry -> table.row(Json.text(entry, "position", "?"),
                AuditText.time(Json.text(entry, "timestamp", "")), Json.text(entry, "type", "?"),
                Json.text(entry, "aggregateId", ""), Json.text(entry.path("metadata"), "actor", ""),
                AuditText.payload(entry.path("payload"), Json.text(entry, "aggregateId", null))));
        table.print(context.out(), context.style(false));
        String next = Json.text(page, "nextAfter", null);
        if (next != null) {
            context.out().println(context.style(false).dim("More: the same with --after " + next + "."));
        }
        return 0;
    }

    private void check() {
        range.check();
        if (json && jsonl) {
            throw Failure.usage("Give --json (one page) or --jsonl (every match, one per line), not both.");
        }
        if (after != null && after < 0) {
            throw Failure.usage("--after is a position in the event store, 0 or more; got " + after + ".");
        }
        if (limit != null && (limit < 1 || !jsonl && limit > 500)) {
            throw Failure.usage("--limit must be between 1 and 500" + (jsonl ? " or more" : "") + ", got " + limit + ".");
        }
    }
}
