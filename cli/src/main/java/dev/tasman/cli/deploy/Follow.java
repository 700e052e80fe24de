package dev.tasman.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.cli.shared.Api;
import dev.tasman.cli.shared.Context;
import dev.tasman.cli.shared.Failure;
import dev.tasman.cli.shared.Json;
import dev.tasman.cli.shared.Sentences;
import dev.tasman.cli.shared.Style;
import dev.tasman.cli.shared.Table;
import dev.tasman.cli.shared.Times;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Follows one deployment to its end: the build log as it is written (the log's event stream), then the
 * edges' acknowledgements (polling the deployment), then where the site answers. The deployment's state
 * decides the outcome: LIVE (READY for a preview) is success, FAILED, CANCELLED and STALLED are failures.
 */
final class Follow {

    private static final Duration POLL = Duration.ofMillis(400);
    /** A production deployment that stays READY this long was not cut over, e.g. a newer one is live. */
    private static final Duration READY_WITHOUT_CUTOVER = Duration.ofSeconds(10);
    /** A deployment that stays BUILT this long was probably not propagated: is there an active edge? */
    private static final Duration BUILT_WITHOUT_PROPAGATION = Duration.ofSeconds(10);
    private static final int TAIL = 20;

    private final Api api;
    private final Context context;
    private final Style style;
    private final PrintWriter out;
    private final String id;
    private final String project;
    private final boolean preview;
    private final Deque<String> tail = new ArrayDeque<>();
    private final long started = System.nanoTime();
    private int logLines;

    Follow(Api api, Context context, String id, String project, boolean preview) {
        this.api = api;
        this.context = context;
        this.style = context.style(false);
        this.out = context.out();
        this.id = id;
        this.project = project;
        this.preview = preview;
    }

    int run() {
        out.println(style.bold("Building"));
        streamLog();
        return await();
    }

    private void streamLog() {
        try {
            api.events("/v1/deployments/" + id + "/logs", event -> {
                if (event.name().equals("log")) {
                    String text = Json.text(Json.parse(event.data()), "text", event.data());
                    out.println("  " + style.dim("|") + " " + text);
                    out.flush();
                    logLines++;
                    tail.addLast(text);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            });
        } catch (Failure broken) {
            // The log is a courtesy; the deployment's state, polled next, decides what happened.
            context.trace("The build log stream ended early: " + broken.getMessage());
        }
    }

    private int await() {
        EdgeProgress edges = new EdgeProgress(out, style, context.redraw(), context.blocksPrintable());
        boolean built = false;
        long builtSince = 0;
        long readySince = 0;
        while (true) {
            JsonNode deployment = api.get("/v1/deployments/" + id).json();
            String state = Json.text(deployment, "state", "?");
            if (!built && List.of("BUILT", "PROPAGATING", "READY", "LIVE", "SUPERSEDED", "STALLED").contains(state)) {
                built = true;
                builtSince = System.nanoTime();
                out.println("Built in " + elapsed() + ".");
            }
            switch (state) {
                case "BUILT" -> {
                    if (since(builtSince).compareTo(BUILT_WITHOUT_PROPAGATION) > 0 && noActiveEdge()) {
                        throw new Failure("Deployment " + id + " is built, but there is no active edge to "
                                + "propagate it to: register an edge or reactivate one (tasman edges list).");
                    }
                }
                case "PROPAGATING" -> edges.update(deployment);
                case "READY" -> {
                    edges.update(deployment);
                    if (preview) {
                        return previewReady();
                    }
                    readySince = readySince == 0 ? System.nanoTime() : readySince;
                    if (since(readySince).compareTo(READY_WITHOUT_CUTOVER) > 0) {
                        throw notLive();
                    }
                }
                case "LIVE", "SUPERSEDED" -> {
                    edges.update(deployment);
                    return live(state.equals("SUPERSEDED"));
                }
                case "FAILED" -> throw failed(deployment);
                case "CANCELLED" -> throw new Failure("Deployment " + id + " was cancelled: "
                        + Sentences.end(Json.text(deployment, "failureReason", "no reason given")));
                case "STALLED" -> {
                    edges.update(deployment);
                    throw new Failure("Deployment " + id + " stalled, " + Json.text(deployment, "failureReason",
                            "waiting for edges") + ". It goes live once they acknowledge; drain an edge that is "
                            + "down to go on without it: tasman edges drain ID.");
                }
                default -> {
                    // QUEUED or BUILDING: the log stream ended early; keep polling.
                }
            }
            sleep();
        }
    }

    private int live(boolean superseded) {
        out.println(style.green(style.bold("Live")) + " in " + elapsed() + (superseded
                ? " (and already replaced by a newer deployment)" : "") + ":");
        List<SiteUrls.Site> sites = SiteUrls.of(api.get("/v1/edges").json(), project);
        int width = sites.stream().mapToInt(site -> site.edge() == null ? 0 : site.edge().length()).max().orElse(0);
        for (SiteUrls.Site site : sites) {
            out.println("  " + (site.edge() == null ? "" : Table.pad(site.edge(), width + 2)) + style.bold(site.url()));
        }
        return 0;
    }

    private int previewReady() {
        out.println(style.green(style.bold("Ready")) + " on every edge in " + elapsed() + ". Send traffic to it: "
                + "tasman promote " + id + " --project " + project);
        return 0;
    }

    private Failure failed(JsonNode deployment) {
        if (logLines == 0) {
            showLogTail();
        }
        return new Failure("Deployment " + id + " failed: " + Sentences.end(Json.text(deployment, "failureReason",
                "no reason given")));
    }

    /** The log stream showed nothing (it broke, or the build ended before it started): show the log's end. */
    private void showLogTail() {
        try {
            List<String> lines = api.get("/v1/deployments/" + id + "/logs?follow=false").body().lines().toList();
            lines.subList(Math.max(0, lines.size() - TAIL), lines.size())
                    .forEach(line -> out.println("  " + style.dim("|") + " " + line));
        } catch (Failure unavailable) {
            context.trace("No build log: " + unavailable.getMessage());
        }
    }

    private Failure notLive() {
        String live = Json.text(api.get("/v1/projects/" + Api.segment(project)).json(), "liveDeploymentId", null);
        return new Failure("Deployment " + id + " is ready on every edge but did not go live"
                + (live == null || live.equals(id) ? "" : ": a newer deployment, " + live + ", is live")
                + ". Send traffic to it with: tasman promote " + id + " --project " + project);
    }

    private boolean noActiveEdge() {
        for (JsonNode edge : api.get("/v1/edges").json()) {
            if ("ACTIVE".equals(Json.text(edge, "state", ""))) {
                return false;
            }
        }
        return true;
    }

    private String elapsed() {
        return Times.duration(Duration.ofNanos(System.nanoTime() - started));
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("Interrupted while following the deployment.", e);
        }
    }
}
