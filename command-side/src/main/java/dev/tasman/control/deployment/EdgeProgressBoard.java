package dev.tasman.control.deployment;

import dev.tasman.api.deployment.DeploymentState;
import dev.tasman.api.feed.EdgeProgress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The latest fetch progress each edge reported per deployment, for progress bars. In memory only and
 * never an event: it is transient UI state, a restart loses nothing that matters, and the edge's
 * acknowledgement stays the one proof that it holds a deployment (decision 0010's addendum). Bounded:
 * a deployment's reports go once it is no longer propagating, any report after {@link #KEPT}, and the
 * oldest when {@link #MAX_REPORTS} would be passed.
 */
@Component
class EdgeProgressBoard {

    static final Duration KEPT = Duration.ofMinutes(10);
    static final int MAX_REPORTS = 10_000;

    /** As {@code GET /v1/deployments/{id}} shows it under {@code edgeProgress.<edge>}. */
    public record Report(long filesTotal, long filesPresent, long bytesTotal, long bytesPresent, Instant reportedAt) {
    }

    private record Key(String deploymentId, String edgeId) {
    }

    private final Map<Key, Report> reports = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxReports;

    EdgeProgressBoard() {
        this(Clock.systemUTC(), MAX_REPORTS);
    }

    EdgeProgressBoard(Clock clock, int maxReports) {
        this.clock = clock;
        this.maxReports = maxReports;
    }

    void record(String edgeId, EdgeProgress progress) {
        Instant now = clock.instant();
        if (reports.size() >= maxReports) {
            reports.values().removeIf(report -> expired(report, now));
        }
        while (reports.size() >= maxReports) {
            reports.entrySet().stream().min(Comparator.comparing(entry -> entry.getValue().reportedAt()))
                    .ifPresent(oldest -> reports.remove(oldest.getKey(), oldest.getValue()));
        }
        reports.put(new Key(progress.deploymentId(), edgeId), new Report(progress.filesTotal(),
                progress.filesPresent(), progress.bytesTotal(), progress.bytesPresent(), now));
    }

    /** By edge id; empty (and forgotten) once the deployment is no longer propagating. */
    Map<String, Report> of(String deploymentId, DeploymentState state) {
        Instant now = clock.instant();
        Map<String, Report> shown = new TreeMap<>();
        reports.entrySet().removeIf(entry -> {
            Key key = entry.getKey();
            if (!key.deploymentId().equals(deploymentId)) {
                return false;
            }
            if (state != DeploymentState.PROPAGATING || expired(entry.getValue(), now)) {
                return true;
            }
            shown.put(key.edgeId(), entry.getValue());
            return false;
        });
        return shown;
    }

    private static boolean expired(Report report, Instant now) {
        return report.reportedAt().isBefore(now.minus(KEPT));
    }
}
