package dev.tasman.edge.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What the edge knows of one project, as stored in {@code state.json}.
 *
 * @param name       served at {@code <name>.<edge domain>}; null until the project is announced
 * @param domains    custom domains, lowercase, sorted
 * @param live       the deployment its traffic goes to; always one this edge holds, or null
 * @param switchTo   a routing switch waiting for its deployment to be held, or null
 * @param switchedAt the feed position of the last routing switch
 * @param history    propagated deployments, oldest first (withdrawn ones removed), the last few hundred
 */
record Project(String id, String name, List<String> domains, String live, String switchTo, long switchedAt,
        List<Propagation> history) {

    /** Propagations a project remembers at least: a switch back beyond retention still finds the digest. */
    static final int HISTORY = 200;

    Project {
        domains = List.copyOf(domains == null ? List.of() : domains);
        history = List.copyOf(history == null ? List.of() : history);
    }

    static Project named(String id) {
        return new Project(id, null, List.of(), null, null, 0, List.of());
    }

    Project withName(String newName) {
        return new Project(id, newName == null ? null : newName.toLowerCase(Locale.ROOT), domains, live, switchTo,
                switchedAt, history);
    }

    Project withDomain(String domain, boolean attached) {
        TreeSet<String> next = new TreeSet<>(domains);
        if (attached) {
            next.add(domain);
        } else {
            next.remove(domain);
        }
        return new Project(id, name, List.copyOf(next), live, switchTo, switchedAt, history);
    }

    /** Traffic goes to {@code deploymentId} now; any earlier pending switch is superseded. */
    Project live(String deploymentId) {
        return new Project(id, name, domains, deploymentId, null, switchedAt, history);
    }

    /** Traffic goes to {@code deploymentId} as soon as it is held; supersedes an earlier pending switch. */
    Project pending(String deploymentId, long position) {
        return new Project(id, name, domains, live, deploymentId, position, history);
    }

    /** The live deployment is no longer complete on disk: traffic waits until it is held again. */
    Project awaitingLive() {
        return new Project(id, name, domains, null, switchTo != null ? switchTo : live, switchedAt, history);
    }

    Project switchedAt(long position) {
        return new Project(id, name, domains, live, switchTo, position, history);
    }

    /** Appends a propagation (once per deployment), forgetting the oldest beyond {@code limit}. */
    Project propagated(Propagation propagation, int limit) {
        if (propagated(propagation.deploymentId()) != null) {
            return this;
        }
        List<Propagation> next = new ArrayList<>(history);
        next.add(propagation);
        return new Project(id, name, domains, live, switchTo, switchedAt,
                next.subList(Math.max(0, next.size() - limit), next.size()));
    }

    Project withdrawn(String deploymentId) {
        List<Propagation> next = history.stream().filter(p -> !p.deploymentId().equals(deploymentId)).toList();
        return new Project(id, name, domains, live, deploymentId.equals(switchTo) ? null : switchTo, switchedAt, next);
    }

    Propagation propagated(String deploymentId) {
        return history.stream().filter(p -> p.deploymentId().equals(deploymentId)).findFirst().orElse(null);
    }

    /** The newest {@code count} propagations' deployment ids. */
    List<String> latest(int count) {
        return history.subList(Math.max(0, history.size() - count), history.size()).stream()
                .map(Propagation::deploymentId).toList();
    }

    /** One deployment's propagation: what to fetch, and where on the feed it was asked for. */
    record Propagation(String deploymentId, String manifestDigest, long position) {
    }
}
