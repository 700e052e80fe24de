package dev.tasman.edge.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything the edge has taken from the feed, up to {@link #position}: projects, what it holds and
 * what it still has to fetch. Mutable, owned by {@link EdgeSync} under its lock; {@link StateFile}
 * stores it as {@code state.json}, so a restart resumes exactly here.
 */
final class EdgeState {

    static final int VERSION = 1;

    long position;
    /** When the control plane recorded the last applied event (sync lag is measured from it). */
    Instant lastEventAt;
    /** This edge's state as the feed last reported it (JOINING, ACTIVE, DRAINED), or null. */
    String edgeStatus;
    final Map<String, Project> projects = new TreeMap<>();
    final Map<String, Holding> held = new TreeMap<>();
    final Map<String, Wanted> wanted = new TreeMap<>();

    Project project(String projectId) {
        return projects.computeIfAbsent(projectId, Project::named);
    }

    void update(String projectId, UnaryOperator<Project> change) {
        projects.put(projectId, change.apply(project(projectId)));
    }

    Stored stored() {
        return new Stored(VERSION, position, lastEventAt, edgeStatus, List.copyOf(projects.values()),
                List.copyOf(held.values()), List.copyOf(wanted.values()));
    }

    static EdgeState of(Stored stored) {
        EdgeState state = new EdgeState();
        state.position = stored.position();
        state.lastEventAt = stored.lastEventAt();
        state.edgeStatus = stored.edgeStatus();
        nonNull(stored.projects()).forEach(project -> state.projects.put(project.id(), project));
        nonNull(stored.held()).forEach(holding -> state.held.put(holding.deploymentId(), holding));
        nonNull(stored.wanted()).forEach(wanted -> state.wanted.put(wanted.deploymentId(), wanted));
        return state;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The JSON form of {@code state.json}; fields only ever added, so an older file always loads. */
    record Stored(int version, long position, Instant lastEventAt, String edgeStatus, List<Project> projects,
            List<Holding> held, List<Wanted> wanted) {
    }
}
