package dev.tasman.edge.sync;

import java.util.HashSet;
import java.util.Set;

/**
 * Which deployments an edge keeps: of every project its live deployment, the target of a pending
 * routing switch, and the newest {@code retain} propagations (rollback targets and deployments still
 * in flight). A propagation older than that is superseded: not fetched, and evicted if held.
 */
final class Retention {

    private Retention() {
    }

    static Set<String> keep(EdgeState state, int retain) {
        Set<String> keep = new HashSet<>();
        for (Project project : state.projects.values()) {
            if (project.live() != null) {
                keep.add(project.live());
            }
            if (project.switchTo() != null) {
                keep.add(project.switchTo());
            }
            keep.addAll(project.latest(retain));
        }
        return keep;
    }

    /** What this edge must still fetch before it can say it holds everything live and in flight. */
    static Set<String> missing(EdgeState state, int retain) {
        Set<String> missing = keep(state, retain);
        missing.removeAll(state.held.keySet());
        return missing;
    }
}
