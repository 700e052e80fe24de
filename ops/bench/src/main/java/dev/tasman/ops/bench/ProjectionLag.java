package dev.tasman.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasman.api.deployment.BuildFailed;
import dev.tasman.api.deployment.BuildStarted;
import dev.tasman.api.deployment.BuildSucceeded;
import dev.tasman.api.deployment.DeploymentReady;
import dev.tasman.api.project.RoutingCutOver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Projection lag under a steady command load: deployments' events written one transaction each at a fixed
 * rate (as commands append them), while a client polls the dashboard's activity feed; the lag of an event is
 * the time from its commit until the feed first shows it.
 */
final class ProjectionLag {

    /** Lags in ms of the events the feed showed, the events written and the seconds writing took. */
    record Result(List<Double> lagsMs, int written, int unseen, double seconds) {
    }

    private ProjectionLag() {
    }

    static Result measure(EventHistory history, QuerySideProcess query, String token, int eventsPerSecond,
            int seconds) throws Exception {
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread poller = Thread.ofPlatform().name("lag-poller").start(() -> poll(query, token, seen, writing));
        int total = eventsPerSecond * seconds;
        long start = System.nanoTime();
        long interval = 1_000_000_000L / eventsPerSecond;
        Deque<Runnable> deployment = new ArrayDeque<>();
        try {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (deployment.isEmpty()) {
                    deployment = history.nextDeployment();
                }
                Object event = history.now(deployment.removeFirst());
                String key = key(event);
                if (key != null) {
                    committed.put(key, System.nanoTime());
                }
            }
        } finally {
            double took = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!seen.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            writing.set(false);
            poller.join();
            List<Double> lags = new ArrayList<>();
            committed.forEach((key, at) -> {
                Long shown = seen.get(key);
                if (shown != null) {
                    lags.add((shown - at) / 1e6);
                }
            });
            return new Result(lags, total, committed.size() - lags.size(), took);
        }
    }

    /** The newest hundred entries of the feed, over and over with a 5 ms pause: the first sighting of each. */
    private static void poll(QuerySideProcess query, String token, Map<String, Long> seen, AtomicBoolean writing) {
        while (writing.get()) {
            try {
                QuerySideProcess.Response page = query.get("/v1/dashboard/activity?limit=100", token);
                long now = System.nanoTime();
                if (page.status() == 200) {
                    for (JsonNode item : ControlApi.JSON.readTree(page.body()).path("items")) {
                        seen.putIfAbsent(item.path("type").asText() + "/" + item.path("deploymentId").asText(), now);
                    }
                }
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a failed poll is a missed sighting; the writer's count of unseen events shows it
            }
        }
    }

    /** How the activity feed names an event, for those it shows. */
    private static String key(Object event) {
        return switch (event) {
            case BuildStarted e -> "BuildStarted/" + e.deploymentId();
            case BuildSucceeded e -> "BuildSucceeded/" + e.deploymentId();
            case BuildFailed e -> "BuildFailed/" + e.deploymentId();
            case DeploymentReady e -> "DeploymentReady/" + e.deploymentId();
            case RoutingCutOver e -> "RoutingCutOver/" + e.deploymentId();
            default -> null;
        };
    }
}
